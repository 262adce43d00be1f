package org.vigie.command;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * {@code intel}, {@code aintel}, {@code iintel}: every list an item is on (adder, reason, time added, expiry) and the
 * last audited changes that concern it. Unlike the reference bots, the time added is known: entries carry it.
 *
 * <p>{@code intel} also gives the wiki's facts on the account (edit count, registration, groups, current block) in a
 * last line. They are asked before the lists are read and the list lines are sent at once; the facts line follows when
 * the wiki answers, or says that it did not, after at most {@link #FACTS_WAIT_MILLIS}: a slow wiki never holds the reply.
 */
public final class IntelCommands {

    /** How many audited changes are shown. */
    public static final int HISTORY = 5;

    private static final Set<ListKind> USER_LISTS = EnumSet.of(ListKind.WL, ListKind.BL, ListKind.GL, ListKind.AL,
            ListKind.BOT);
    private static final Set<ListKind> PAGE_LISTS = EnumSet.of(ListKind.CVP, ListKind.CNVP);
    private static final Set<ListKind> IMAGE_LISTS = EnumSet.of(ListKind.CVI, ListKind.CVP, ListKind.CNVP);

    /** The longest wait for the wiki's facts (the wiki API gives up at about 2 s itself). */
    public static final long FACTS_WAIT_MILLIS = 2_500;

    private IntelCommands() {
    }

    public static void intel(Invocation inv) throws UsageException {
        report(inv, USER_LISTS);
    }

    public static void aintel(Invocation inv) throws UsageException {
        report(inv, PAGE_LISTS);
    }

    public static void iintel(Invocation inv) throws UsageException {
        report(inv, IMAGE_LISTS);
    }

    private static void report(Invocation inv, Set<ListKind> kinds) throws UsageException {
        String item = ListCommands.item(inv);
        String wiki = inv.args().wiki();
        CompletableFuture<Optional<BotPort.WikiFacts>> facts = kinds == USER_LISTS
                ? askFacts(inv, Wikis.GLOBAL.equals(wiki) ? null : wiki, item) : null;
        List<String> on = new ArrayList<>();
        for (Entry e : inv.port().entriesFor(item)) {
            if (kinds.contains(e.kind()) && (wiki == null || ListCommands.overlaps(e.wiki(), wiki))) {
                on.add(inv.t().render("cmd.intel.entry", ListCommands.entryArgs(inv, e)));
            }
        }
        List<String> changes = new ArrayList<>();
        for (BotPort.AuditRecord r : inv.port().history(item, HISTORY * 4)) {
            if (changes.size() < HISTORY && kinds.contains(r.kind())
                    && (wiki == null || ListCommands.overlaps(r.wiki(), wiki))) {
                String action = "cmd.audit." + r.action();
                changes.add(inv.t().render("cmd.intel.change", "time", Text.time(r.atMillis()), "who", r.who(),
                        "action", inv.t().has(action) ? inv.t().render(action) : r.action(),
                        "list", ListCommands.label(inv, r.kind()), "scope", ListCommands.scope(inv, r.wiki()),
                        "reason", ListCommands.reasonText(inv, r.reason())));
            }
        }
        if (on.isEmpty() && changes.isEmpty()) {
            inv.out().answer("cmd.intel.none", "item", item);
        } else {
            String sep = inv.t().render("cmd.separator");
            inv.out().answerLines(Text.pack(inv.t().render(on.isEmpty() ? "cmd.intel.onnone" : "cmd.intel.on",
                    "item", item), on, sep));
            if (!changes.isEmpty()) {
                inv.out().answerLines(Text.pack(inv.t().render("cmd.intel.changes"), changes, sep));
            }
        }
        if (facts != null) {
            // awaited off the command thread: a slow wiki holds no one else's command
            inv.after(facts, Duration.ofMillis(FACTS_WAIT_MILLIS), (got, failure) -> {
                String line = factsLine(inv, got, failure);
                if (line != null) {
                    inv.out().answerLine(line);
                }
            });
        }
    }

    private static CompletableFuture<Optional<BotPort.WikiFacts>> askFacts(Invocation inv, String wiki, String user) {
        try {
            CompletableFuture<Optional<BotPort.WikiFacts>> f = inv.port().wikiFacts(wiki, user);
            return f == null ? CompletableFuture.completedFuture(Optional.empty()) : f;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The facts line, or null when there is nothing to say (no wiki API, an IP address). */
    private static String factsLine(Invocation inv, Optional<BotPort.WikiFacts> got, Throwable failure) {
        if (failure != null) {
            if (failure instanceof TimeoutException) {
                return inv.t().render("cmd.intel.wiki.unavailable");
            }
            return inv.t().render("cmd.intel.wiki.failed", "cause",
                    Text.oneLine(String.valueOf(failure.getMessage())));
        }
        if (got == null || got.isEmpty()) {
            return null;
        }
        BotPort.WikiFacts f = got.get();
        if (!f.exists()) {
            return inv.t().render("cmd.intel.wiki.missing", "wiki", f.wiki(), "user", f.user());
        }
        Long registered = millis(f.registration());
        String block = "";
        if (f.block() != null) {
            Long until = millis(f.block().expiry());
            String expiry = until != null ? inv.t().render("cmd.expiry.until", "time", Text.time(until))
                    : inv.t().render("cmd.intel.wiki.indefinitely");
            block = inv.t().render(f.block().partial() ? "cmd.intel.wiki.partial" : "cmd.intel.wiki.blocked",
                    "by", f.block().by(), "expiry", expiry, "reason", ListCommands.reasonText(inv, f.block().reason()));
        } else {
            block = inv.t().render("cmd.intel.wiki.notblocked");
        }
        return inv.t().render("cmd.intel.wiki", "wiki", f.wiki(),
                "edits", Text.count(inv.t(), "cmd.count.edits", f.editCount()),
                "registered", registered == null ? inv.t().render("cmd.intel.wiki.unknowndate")
                        : inv.t().render("cmd.intel.wiki.registered", "time", Text.time(registered)),
                "groups", f.groups().isEmpty() ? inv.t().render("cmd.intel.wiki.nogroups")
                        : String.join(", ", f.groups()),
                "block", block);
    }

    /** An ISO-8601 time in milliseconds; null for {@code infinite}, absent or unreadable. */
    private static Long millis(String iso) {
        if (iso == null || iso.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
