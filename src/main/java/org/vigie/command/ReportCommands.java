package org.vigie.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Daily reports: {@code report add <#chan|hook:NAME> daily HH:MM}, {@code report del <target>}, {@code report list},
 * {@code report now [target]}. Times are in the instance's zone ({@code report.zone}).
 */
public final class ReportCommands {

    private ReportCommands() {
    }

    private static String target(Invocation inv, int i) throws UsageException {
        String t = DestCommands.target(inv.args().word(i));
        if (t == null || t.startsWith("!")) {
            throw new UsageException("cmd.why.channel", "value", inv.args().word(i));
        }
        return t;
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        String target = target(inv, 0);
        String[] rest = inv.args().word(1).strip().split("\\s+");
        if (rest.length != 2 || !rest[0].toLowerCase(Locale.ROOT).equals("daily")) {
            throw new UsageException("cmd.why.daily");
        }
        if (org.vigie.report.Reports.time(rest[1]) == null) {
            throw new UsageException("cmd.why.time", "value", rest[1]);
        }
        BotPort.ReportSchedule s = inv.port().reportAdd(target, rest[1], inv.caller());
        inv.out().ack("cmd.report.added", "target", s.target(), "time", s.time(), "zone", inv.port().reportZone());
    }

    public static void del(Invocation inv) throws PortException, UsageException {
        String target = target(inv, 0);
        if (inv.port().reportDel(target, inv.caller())) {
            inv.out().ack("cmd.report.removed", "target", target);
        } else {
            inv.out().error("cmd.report.unknown", "target", target);
        }
    }

    public static void list(Invocation inv) {
        List<String> items = new ArrayList<>();
        for (BotPort.ReportSchedule s : inv.port().reports()) {
            items.add(inv.t().render("cmd.report.item", "target", s.target(), "time", s.time()));
        }
        if (items.isEmpty()) {
            inv.out().answer("cmd.report.none");
        } else {
            inv.out().answerLines(Text.pack(inv.t().render("cmd.report.list"), items,
                    inv.t().render("cmd.separator")));
        }
    }

    /** Here (short form), or sent to a channel or a webhook. */
    public static void now(Invocation inv) throws PortException, UsageException {
        if (inv.args().size() == 0) {
            inv.out().answerLines(inv.port().reportNow());
            return;
        }
        String target = target(inv, 0);
        inv.port().reportSend(target, inv.caller());
        inv.out().ack("cmd.report.sent", "target", target);
    }
}
