package org.vigie.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatch;
import org.vigie.lists.WordMatcher;

/**
 * {@code add}, {@code del}, {@code show} and {@code test} on the operators' lists. Lists are never dumped: an operator
 * asks about one item at a time. Without {@code p=} a command works on the global entry.
 */
public final class ListCommands {

    /**
     * How long an entry lasts when {@code x=} is absent or 0. The blacklist expires after 90 days (as in CVNBot) so that
     * it does not grow for ever; every other list keeps its entries until they are deleted.
     */
    public static final Map<ListKind, Duration> DEFAULT_EXPIRY;

    static {
        Map<ListKind, Duration> m = new EnumMap<>(ListKind.class);
        m.put(ListKind.BL, Duration.ofDays(90));
        DEFAULT_EXPIRY = java.util.Collections.unmodifiableMap(m);
    }

    /** Pairs of lists that contradict each other: adding to one is refused while the item is on the other. */
    private static final Map<ListKind, Set<ListKind>> CONTRADICTS = Map.of(
            ListKind.WL, Set.of(ListKind.BL),
            ListKind.BL, Set.of(ListKind.WL),
            ListKind.CVP, Set.of(ListKind.CNVP),
            ListKind.CNVP, Set.of(ListKind.CVP));

    /** Lists checked before the greylist when an editor is classified: adding is allowed, with a note. */
    private static final Map<ListKind, Set<ListKind>> OUTRANKED_BY = Map.of(
            ListKind.GL, Set.of(ListKind.AL, ListKind.BOT));

    /**
     * Lists that a blacklist entry outranks: a user on both is still reported as blacklisted. Adding to either side
     * is allowed, and the acknowledgement says which one wins.
     */
    private static final Set<ListKind> OUTRANKED_BY_BLACK = Set.of(ListKind.AL, ListKind.BOT);

    /** Longest item accepted. */
    public static final int MAX_ITEM = 255;

    private ListCommands() {
    }

    /** The list's default expiry in milliseconds, or {@code -1} for never. */
    public static long defaultExpiryMillis(ListKind kind) {
        Duration d = DEFAULT_EXPIRY.get(kind);
        return d == null ? -1 : d.toMillis();
    }

    static String itemParam(ListKind k) {
        return switch (k.itemType()) {
            case USER -> "<user>";
            case PAGE -> k == ListKind.CVI ? "<image>" : "<page>";
            case WORD -> "<word|/regex/>";
            case ACCOUNT -> "<nick|mask>";
        };
    }

    static String sample(ListKind k) {
        return switch (k) {
            case WL -> "Patrouilleur";
            case AL -> "Administrateur Exemple";
            case BOT -> "ExempleBot";
            case CVP -> "Tour Eiffel";
            case CNVP -> "Wikipédia:Bac à sable";
            case CVI -> "Fichier:Exemple.jpg";
            case BNU -> "/b[o0]t$/";
            case BNA -> "/vi[a@]gra/";
            case WHEELS -> "on wheels";
            case BES -> "/lol{3,}/";
            default -> "Vandale123";
        };
    }

    static String sampleReason(ListKind k) {
        return switch (k.itemType()) {
            case WORD -> "{sample.spam}";
            case PAGE -> "{sample.often}";
            default -> "{sample.trusted}";
        };
    }

    static String sampleText(ListKind k) {
        return switch (k) {
            case BNU -> "Spambot";
            case BNA -> "{sample.buy}";
            case WHEELS -> "Paris on wheels";
            default -> "lolllll";
        };
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        ListKind kind = inv.spec().kind();
        String item = item(inv);
        String scope = inv.args().scope();
        if (kind.isWordList()) {
            String error = WordMatcher.regexError(item);
            if (error != null) {
                inv.out().error("cmd.list.badregex", "item", item, "error", error);
                return;
            }
        }
        List<Entry> all = inv.port().entriesFor(item);
        for (Entry other : all) {
            if (CONTRADICTS.getOrDefault(kind, Set.of()).contains(other.kind()) && overlaps(other.wiki(), scope)) {
                inv.out().error("cmd.list.conflict", "item", item, "list", label(inv, kind),
                        "other", label(inv, other.kind()), "scope", scope(inv, other.wiki()));
                return;
            }
        }
        Optional<Entry> existing = inv.port().find(kind, scope, item);
        if (existing.isPresent() && inv.args().hours() == 0 && inv.args().reason() == null) {
            inv.out().answer("cmd.list.already", entryArgs(inv, existing.get()));
            return;
        }
        long now = inv.now();
        long expires = expiry(kind, inv.args().hours(), now);
        String reason = inv.args().reason() != null ? inv.args().reason()
                : existing.map(Entry::reason).orElse("");
        // an update keeps the item as first written (the lists compare it case-insensitively anyway)
        String written = existing.map(Entry::item).orElse(item);
        Entry stored = inv.port().add(new Entry(kind, scope, written, inv.caller().adderName(), reason, now, expires,
                Entry.Source.OPERATOR), inv.caller());
        inv.out().ack(existing.isPresent() ? "cmd.list.updated" : "cmd.list.added", entryArgs(inv, stored));
        for (Entry other : all) {
            if (!overlaps(other.wiki(), scope)) {
                continue;
            }
            if (OUTRANKED_BY.getOrDefault(kind, Set.of()).contains(other.kind())) {
                inv.out().answer("cmd.list.outranked", "item", item, "other", label(inv, other.kind()),
                        "scope", scope(inv, other.wiki()));
            } else if (kind == ListKind.BL && OUTRANKED_BY_BLACK.contains(other.kind())) {
                inv.out().answer("cmd.list.blackwins", "item", item, "other", label(inv, other.kind()),
                        "scope", scope(inv, other.wiki()));
            } else if (other.kind() == ListKind.BL && OUTRANKED_BY_BLACK.contains(kind)) {
                inv.out().answer("cmd.list.stillblack", "item", item, "list", label(inv, kind),
                        "scope", scope(inv, other.wiki()));
            }
        }
    }

    public static void del(Invocation inv) throws PortException, UsageException {
        ListKind kind = inv.spec().kind();
        String item = item(inv);
        String scope = inv.args().scope();
        Optional<Entry> removed = inv.port().remove(kind, scope, item, inv.caller());
        if (removed.isPresent()) {
            inv.out().ack("cmd.list.deleted", entryArgs(inv, removed.get()));
            return;
        }
        List<String> elsewhere = new ArrayList<>();
        List<Entry> wikis = new ArrayList<>();
        for (Entry e : inv.port().entriesFor(item)) {
            if (e.kind() == kind) {
                elsewhere.add(e.isGlobal() ? "p=global" : "p=" + e.wiki());
                if (!e.isGlobal()) {
                    wikis.add(e);
                }
            }
        }
        if (inv.args().wiki() == null && wikis.size() == 1 && elsewhere.size() == 1) {
            // no p= and no global entry: the plain syntax means the one wiki's entry (automatic entries are per wiki)
            Optional<Entry> one = inv.port().remove(kind, wikis.get(0).wiki(), wikis.get(0).item(), inv.caller());
            if (one.isPresent()) {
                inv.out().ack("cmd.list.deleted", entryArgs(inv, one.get()));
                return;
            }
        }
        if (inv.args().wiki() == null && wikis.size() > 1) {
            inv.out().error("cmd.list.several", "item", item, "list", label(inv, kind),
                    "where", String.join(", ", elsewhere));
            return;
        }
        if (elsewhere.isEmpty()) {
            inv.out().error("cmd.list.notfound", "item", item, "list", label(inv, kind), "scope", scope(inv, scope));
        } else {
            inv.out().error("cmd.list.elsewhere", "item", item, "list", label(inv, kind), "scope", scope(inv, scope),
                    "where", String.join(", ", elsewhere));
        }
    }

    public static void show(Invocation inv) throws UsageException {
        ListKind kind = inv.spec().kind();
        String item = item(inv);
        String wiki = inv.args().wiki();
        int shown = 0;
        for (Entry e : inv.port().entriesFor(item)) {
            if (e.kind() == kind && (wiki == null || overlaps(e.wiki(), wiki)) && shown < 5) {
                inv.out().answer("cmd.list.show", entryArgs(inv, e));
                shown++;
            }
        }
        if (shown == 0) {
            inv.out().answer("cmd.list.notfound", "item", item, "list", label(inv, kind),
                    "scope", wiki == null ? inv.t().render("cmd.scope.any") : scope(inv, wiki));
        }
    }

    public static void test(Invocation inv) {
        ListKind kind = inv.spec().kind();
        String text = inv.args().word(0);
        String scope = inv.args().scope();
        Optional<WordMatch> m = inv.port().testWord(kind, scope, text);
        if (m.isPresent()) {
            Entry e = m.get().entry();
            inv.out().answer("cmd.list.test.match", "text", text, "item", e.item(), "matched", m.get().matched(),
                    "list", label(inv, kind), "scope", scope(inv, e.wiki()), "reason", parenReason(inv, e.reason()));
        } else {
            inv.out().answer("cmd.list.test.nomatch", "text", text, "list", label(inv, kind),
                    "scope", scope(inv, scope));
        }
    }

    // ------------------------------------------------------------------ shared with other families

    static String item(Invocation inv) throws UsageException {
        String item = inv.args().word(0).strip();
        if (item.isEmpty() || item.length() > MAX_ITEM) {
            throw new UsageException("cmd.why.item", "max", MAX_ITEM);
        }
        for (int i = 0; i < item.length(); i++) {
            if (Character.isISOControl(item.charAt(i))) {
                // said here, in the bot's language, rather than by the store's English refusal
                throw new UsageException("cmd.why.control");
            }
        }
        // nothing left once compared as the list compares (underscores only), or an empty expression: the store's
        // "empty item" refusal, said here in the bot's language
        ListKind kind = inv.spec().kind();
        if (kind != null && (Lists.key(kind, item).isEmpty() || kind.isWordList() && item.equals("//"))) {
            throw new UsageException("cmd.why.item", "max", MAX_ITEM);
        }
        return item;
    }

    /** An entry whose scope is {@code a} applies where {@code b} is asked: same wiki, or one of them global. */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || Entry.GLOBAL.equals(a) || Entry.GLOBAL.equals(b);
    }

    static long expiry(ListKind kind, double hours, long now) {
        if (hours > 0) {
            return now + Math.round(hours * 3_600_000d);
        }
        long d = defaultExpiryMillis(kind);
        return d < 0 ? Entry.NEVER : now + d;
    }


    static String label(Invocation inv, ListKind kind) {
        String key = "cmd.listname." + kind.command();
        return inv.t().has(key) ? inv.t().render(key) : kind.label();
    }

    static String scope(Invocation inv, String wiki) {
        return Entry.GLOBAL.equals(wiki) ? inv.t().render("cmd.scope.global") : wiki;
    }

    static String expiryText(Invocation inv, long expiresMillis) {
        return expiresMillis == Entry.NEVER ? inv.t().render("cmd.expiry.never")
                : inv.t().render("cmd.expiry.until", "time", Text.time(expiresMillis));
    }

    static String reasonText(Invocation inv, String reason) {
        return reason == null || reason.isEmpty() ? "" : inv.t().render("cmd.reason", "reason", reason);
    }

    static String parenReason(Invocation inv, String reason) {
        return reason == null || reason.isEmpty() ? "" : inv.t().render("cmd.reason.paren", "reason", reason);
    }

    /** The placeholders every entry message may use: item, list, scope, adder, added, expiry, reason. */
    static Object[] entryArgs(Invocation inv, Entry e) {
        return new Object[] {"item", e.item(), "list", label(inv, e.kind()), "scope", scope(inv, e.wiki()),
            "adder", e.adder(), "added", Text.time(e.addedMillis()), "expiry", expiryText(inv, e.expiresMillis()),
            "reason", reasonText(inv, e.reason())};
    }

    /** Name/value pairs followed by more pairs. */
    static Object[] plus(Object[] pairs, Object... more) {
        Object[] all = java.util.Arrays.copyOf(pairs, pairs.length + more.length);
        System.arraycopy(more, 0, all, pairs.length, more.length);
        return all;
    }
}
