package org.vigie.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * The operator list. An entry is a services account or an explicit {@code nick!user@host} mask, never a bare nick:
 * {@code aclo add Alice} asks the network which account Alice is logged in as (WHOIS, numeric 330, waiting at most
 * the context's lookup timeout on the command thread) and stores that account; when Alice is not logged in, nothing
 * is added and the operator is told to give a mask instead.
 */
public final class AcloCommands {

    private static final Pattern NICK = Pattern.compile("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,31}");

    private AcloCommands() {
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        String target = inv.args().word(0).strip();
        String item;
        String via;
        if (Access.isMask(target)) {
            if (Access.isTooBroad(target)) {
                inv.out().error("cmd.aclo.broad", "mask", target);
                return;
            }
            item = target;
            via = inv.t().render("cmd.aclo.bymask");
        } else if (NICK.matcher(target).matches()) {
            Optional<String> account = lookup(inv, target);
            if (account == null) {
                return;
            }
            if (account.isEmpty()) {
                inv.out().error("cmd.aclo.noaccount", "nick", target);
                return;
            }
            item = account.get();
            via = inv.t().render("cmd.aclo.byaccount", "nick", target);
        } else {
            throw new UsageException("cmd.why.nick", "value", target);
        }
        Optional<Entry> existing = inv.port().find(ListKind.ACLO, Entry.GLOBAL, item);
        if (existing.isPresent() && inv.args().hours() == 0 && inv.args().reason() == null) {
            inv.out().answer("cmd.list.already", ListCommands.entryArgs(inv, existing.get()));
            return;
        }
        long now = inv.now();
        String reason = inv.args().reason() != null ? inv.args().reason() : existing.map(Entry::reason).orElse("");
        Entry stored = inv.port().add(new Entry(ListKind.ACLO, Entry.GLOBAL, item, inv.caller().adderName(), reason,
                now, ListCommands.expiry(ListKind.ACLO, inv.args().hours(), now), Entry.Source.OPERATOR), inv.caller());
        inv.out().ack(existing.isPresent() ? "cmd.aclo.updated" : "cmd.aclo.added",
                ListCommands.plus(ListCommands.entryArgs(inv, stored), "via", via));
    }

    public static void del(Invocation inv) throws PortException, UsageException {
        String target = inv.args().word(0).strip();
        Optional<Entry> removed = inv.port().remove(ListKind.ACLO, Entry.GLOBAL, target, inv.caller());
        if (removed.isEmpty() && !Access.isMask(target) && NICK.matcher(target).matches()) {
            Optional<String> account = quietLookup(inv, target);
            if (account.isPresent() && !account.get().equalsIgnoreCase(target)) {
                removed = inv.port().remove(ListKind.ACLO, Entry.GLOBAL, account.get(), inv.caller());
            }
        }
        if (removed.isPresent()) {
            inv.out().ack("cmd.list.deleted", ListCommands.entryArgs(inv, removed.get()));
        } else {
            inv.out().error("cmd.aclo.notfound", "item", target);
        }
    }

    public static void show(Invocation inv) throws UsageException {
        String target = inv.args().word(0).strip();
        Optional<Entry> e = inv.port().find(ListKind.ACLO, Entry.GLOBAL, target);
        if (e.isEmpty() && !Access.isMask(target) && NICK.matcher(target).matches()) {
            Optional<String> account = quietLookup(inv, target);
            if (account.isPresent()) {
                e = inv.port().find(ListKind.ACLO, Entry.GLOBAL, account.get());
            }
        }
        if (e.isPresent()) {
            inv.out().answer("cmd.list.show", ListCommands.entryArgs(inv, e.get()));
            return;
        }
        if (!Access.isMask(target) && NICK.matcher(target).matches()) {
            // not by account: maybe through a mask entry that matches the person now using that nick
            Optional<String> mask = inv.port().maskOf(target);
            if (mask.isPresent()) {
                long now = inv.now();
                for (Entry op : inv.port().operators()) {
                    if (!op.expiredAt(now) && Access.isMask(op.item()) && Access.glob(op.item(), mask.get())) {
                        inv.out().answer("cmd.aclo.showmask", ListCommands.plus(ListCommands.entryArgs(inv, op),
                                "nick", target, "mask", mask.get()));
                        return;
                    }
                }
            }
        }
        inv.out().answer("cmd.aclo.notfound", "item", target);
    }

    /** The nick's account, empty when not logged in, {@code null} (after answering) when the lookup failed. */
    private static Optional<String> lookup(Invocation inv, String nick) {
        try {
            CompletableFuture<Optional<String>> f = inv.port().accountOf(nick);
            return f.get(inv.ctx().lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inv.out().error("cmd.aclo.lookupfailed", "nick", nick);
            return null;
        } catch (Exception e) {
            inv.out().error("cmd.aclo.lookupfailed", "nick", nick);
            return null;
        }
    }

    private static Optional<String> quietLookup(Invocation inv, String nick) {
        try {
            return inv.port().accountOf(nick).get(inv.ctx().lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
