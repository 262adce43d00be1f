package org.vigie.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Webhooks, the second kind of destination: {@code hook add NAME URL [format=discord|slack|json]} (owners only, by
 * private message only: the URL lets whoever reads it post in the room), {@code hook list}, {@code hook del NAME},
 * {@code hook test NAME}. Alerts reach a hook through {@code dest add hook:NAME <events>}.
 */
public final class HookCommands {

    private HookCommands() {
    }

    /** The hook's name, from {@code NAME} or {@code hook:NAME}. */
    private static String name(Invocation inv, int i) throws UsageException {
        String raw = inv.args().word(i);
        String n = raw.regionMatches(true, 0, "hook:", 0, 5) ? raw.substring(5) : raw;
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}")) {
            throw new UsageException("cmd.why.hookname", "value", n.length() > 40 ? n.substring(0, 40) + "…" : n);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    public static void add(Invocation inv) throws PortException, UsageException {
        if (!inv.caller().isPrivate()) {
            // said in a channel: everyone there has read the address; store nothing and say so
            inv.out().error("cmd.hook.private");
            return;
        }
        String name = name(inv, 0);
        String rest = inv.args().word(1).strip();
        String[] words = rest.split("\\s+");
        String url = words[0];
        String format = "json";
        if (words.length > 2) {
            throw new UsageException(null);
        }
        if (words.length == 2) {
            String f = words[1];
            format = f.regionMatches(true, 0, "format=", 0, 7) ? f.substring(7) : f;
            format = format.toLowerCase(Locale.ROOT);
            if (!List.of("discord", "slack", "json").contains(format)) {
                throw new UsageException("cmd.why.format", "value", format.length() > 20 ? format.substring(0, 20) : format);
            }
        }
        BotPort.HookInfo h = inv.port().hookAdd(name, url, format, inv.caller());
        inv.out().ack("cmd.hook.added", "name", h.name(), "format", h.format(), "url", h.redactedUrl());
    }

    public static void del(Invocation inv) throws PortException, UsageException {
        String name = name(inv, 0);
        if (inv.port().hookDel(name, inv.caller())) {
            inv.out().ack("cmd.hook.removed", "name", name);
        } else {
            inv.out().error("cmd.hook.unknown", "name", name);
        }
    }

    public static void test(Invocation inv) throws PortException, UsageException {
        String name = name(inv, 0);
        if (inv.port().hooks().stream().noneMatch(h -> h.name().equals(name))) {
            inv.out().error("cmd.hook.unknown", "name", name);
            return;
        }
        int status = inv.port().hookTest(name, inv.caller());
        inv.out().answer(status >= 200 && status < 300 ? "cmd.hook.tested" : "cmd.hook.testrefused",
                "name", name, "status", status);
    }

    public static void list(Invocation inv) {
        List<String> items = new ArrayList<>();
        for (BotPort.HookInfo h : inv.port().hooks()) {
            items.add(item(inv, h, true));
        }
        if (items.isEmpty()) {
            inv.out().answer("cmd.hook.none");
        } else {
            inv.out().answerLines(Text.pack(inv.t().render("cmd.hook.list"), items, inv.t().render("cmd.separator")));
        }
    }

    /**
     * One hook and its figures, as {@code hook list} (operators: with the address's host and last characters) and
     * {@code status} (anyone: without them) show it.
     */
    static String item(Invocation inv, BotPort.HookInfo h, boolean withUrl) {
        String age = h.oldestMillis() == 0 ? inv.t().render("cmd.hook.nowait")
                : Text.duration(Math.max(0, inv.now() - h.oldestMillis()));
        StringBuilder dropped = new StringBuilder();
        h.dropped().forEach((why, n) -> {
            if (dropped.length() > 0) {
                dropped.append(", ");
            }
            dropped.append(why).append(' ').append(n);
        });
        return inv.t().render(withUrl ? "cmd.hook.item" : "cmd.hook.item.status", "name", h.name(), "format", h.format(), "url", h.redactedUrl(),
                "queued", h.queued(), "sent", h.sent(), "retried", h.retried(), "dropped", h.droppedTotal(),
                "reasons", dropped.length() == 0 ? "" : " (" + dropped + ")", "oldest", age);
    }
}
