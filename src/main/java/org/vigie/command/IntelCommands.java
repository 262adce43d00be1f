package org.vigie.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * {@code intel}, {@code aintel}, {@code iintel}: every list an item is on (adder, reason, time added, expiry) and the
 * last audited changes that concern it. Unlike the reference bots, the time added is known: entries carry it.
 */
public final class IntelCommands {

    /** How many audited changes are shown. */
    public static final int HISTORY = 5;

    private static final Set<ListKind> USER_LISTS = EnumSet.of(ListKind.WL, ListKind.BL, ListKind.GL, ListKind.AL,
            ListKind.BOT);
    private static final Set<ListKind> PAGE_LISTS = EnumSet.of(ListKind.CVP, ListKind.CNVP);
    private static final Set<ListKind> IMAGE_LISTS = EnumSet.of(ListKind.CVI, ListKind.CVP, ListKind.CNVP);

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
            return;
        }
        String sep = inv.t().render("cmd.separator");
        inv.out().answerLines(Text.pack(inv.t().render(on.isEmpty() ? "cmd.intel.onnone" : "cmd.intel.on",
                "item", item), on, sep));
        if (!changes.isEmpty()) {
            inv.out().answerLines(Text.pack(inv.t().render("cmd.intel.changes"), changes, sep));
        }
    }
}
