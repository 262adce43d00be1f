package org.vigie.command;

import java.util.Optional;
import java.util.regex.Pattern;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * The operator list. An entry is a services account or an explicit {@code nick!user@host} mask, never a bare nick:
 * {@code aclo add Alice} asks the network which account Alice is logged in as (WHOIS, numeric 330) and stores that
 * account; when Alice is not logged in, nothing is added and the operator is told to give a mask instead. The answer
 * is awaited off the command thread, at most the context's lookup timeout ({@link Invocation#after}): a nick whose
 * WHOIS never comes back holds no one else's command.
 */
public final class AcloCommands {

    private static final Pattern NICK = Pattern.compile("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,31}");

    private AcloCommands() {
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        String target = inv.args().word(0).strip();
        if (Access.isMask(target)) {
            if (Access.isTooBroad(target)) {
                inv.out().error("cmd.aclo.broad", "mask", target);
                return;
            }
            store(inv, target, inv.t().render("cmd.aclo.bymask"));
        } else if (NICK.matcher(target).matches()) {
            // the WHOIS is awaited off the command thread: others' commands are answered meanwhile
            inv.after(inv.port().accountOf(target), (account, failure) -> {
                if (account == null) {
                    inv.out().error("cmd.aclo.lookupfailed", "nick", target);
                } else if (account.isEmpty()) {
                    inv.out().error("cmd.aclo.noaccount", "nick", target);
                } else {
                    store(inv, account.get(), inv.t().render("cmd.aclo.byaccount", "nick", target));
                }
            });
        } else {
            throw new UsageException("cmd.why.nick", "value", target);
        }
    }

    private static void store(Invocation inv, String item, String via) throws PortException {
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
            inv.after(inv.port().accountOf(target), (account, failure) -> {
                Optional<Entry> byAccount = Optional.empty();
                if (account != null && account.isPresent() && !account.get().equalsIgnoreCase(target)) {
                    byAccount = inv.port().remove(ListKind.ACLO, Entry.GLOBAL, account.get(), inv.caller());
                }
                deleted(inv, target, byAccount);
            });
            return;
        }
        deleted(inv, target, removed);
    }

    private static void deleted(Invocation inv, String target, Optional<Entry> removed) {
        if (removed.isPresent()) {
            inv.out().ack("cmd.list.deleted", ListCommands.entryArgs(inv, removed.get()));
        } else {
            inv.out().error("cmd.aclo.notfound", "item", target);
        }
    }

    public static void show(Invocation inv) throws UsageException {
        String target = inv.args().word(0).strip();
        Optional<Entry> e = inv.port().find(ListKind.ACLO, Entry.GLOBAL, target);
        // a WHOIS only for an operator: when config readcmds opens aclo show to anyone, a stranger must not make the
        // bot ask the network about any nick, outside the intake's WHOIS budget
        if (e.isEmpty() && !Access.isMask(target) && NICK.matcher(target).matches()
                && Access.isOperator(inv.caller(), inv.port().operators(), inv.now())) {
            inv.after(inv.port().accountOf(target), (account, failure) -> shown(inv, target,
                    account == null || account.isEmpty() ? Optional.empty()
                            : inv.port().find(ListKind.ACLO, Entry.GLOBAL, account.get())));
            return;
        }
        shown(inv, target, e);
    }

    private static void shown(Invocation inv, String target, Optional<Entry> e) {
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
}
