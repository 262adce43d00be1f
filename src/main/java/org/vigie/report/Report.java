package org.vigie.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.alert.AlertFormatter;
import org.vigie.i18n.Templates;
import org.vigie.patrol.Event;

/**
 * A summary of a period (the last 24 h by default), per wiki: changes read, changes that raised events and that were
 * alerted, how many raised each event, the users and pages with the most alerts, blocks seen; then the list changes
 * of the audit trail by whom, and the feed's reconnections and silent minutes.
 */
public record Report(long sinceMillis, long untilMillis, List<WikiReport> wikis, List<ActivityStore.ListChange> lists,
                     long reconnects, long silentMinutes) {

    /** How many on IRC, how many elsewhere. */
    public static final int TOP_IRC = 5;
    public static final int TOP = 10;

    public record Count(String name, long n) {
    }

    public record WikiReport(String wiki, long changes, long raised, long alerted, Map<String, Long> events,
                             List<Count> users, List<Count> pages) {
        public long blocks() {
            return events.getOrDefault(Event.BLOCK.key(), 0L);
        }
    }

    /** Reads the counters from {@code sinceMillis}'s hour on. */
    public static Report build(ActivityStore store, long sinceMillis, long untilMillis) {
        Map<String, long[]> totals = new TreeMap<>();        // changes, raised, alerted
        Map<String, Map<String, Long>> events = new TreeMap<>();
        Map<String, List<Count>> users = new TreeMap<>();
        Map<String, List<Count>> pages = new TreeMap<>();
        long reconnects = 0;
        long silent = 0;
        for (ActivityStore.Row r : store.since(sinceMillis)) {
            if (r.wiki().equals("*")) {
                if (r.kind().equals("reconnect")) {
                    reconnects += r.n();
                } else if (r.kind().equals("silent")) {
                    silent += r.n();
                }
                continue;
            }
            long[] t = totals.computeIfAbsent(r.wiki(), k -> new long[3]);
            switch (r.kind()) {
                case "changes" -> t[0] += r.n();
                case "raised" -> t[1] += r.n();
                case "alerted" -> t[2] += r.n();
                case "event" -> events.computeIfAbsent(r.wiki(), k -> new TreeMap<>()).merge(r.name(), r.n(), Long::sum);
                case "user" -> users.computeIfAbsent(r.wiki(), k -> new ArrayList<>()).add(new Count(r.name(), r.n()));
                case "page" -> pages.computeIfAbsent(r.wiki(), k -> new ArrayList<>()).add(new Count(r.name(), r.n()));
                default -> {
                    // a kind from a later version: left out
                }
            }
        }
        List<WikiReport> wikis = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            String w = e.getKey();
            Map<String, Long> ev = new LinkedHashMap<>();
            Map<String, Long> raw = events.getOrDefault(w, Map.of());
            for (Event x : Event.values()) {
                if (raw.containsKey(x.key())) {
                    ev.put(x.key(), raw.get(x.key()));
                }
            }
            wikis.add(new WikiReport(w, e.getValue()[0], e.getValue()[1], e.getValue()[2], ev,
                    top(users.getOrDefault(w, List.of())), top(pages.getOrDefault(w, List.of()))));
        }
        return new Report(sinceMillis, untilMillis, wikis, store.listChanges(sinceMillis), reconnects, silent);
    }

    private static List<Count> top(List<Count> all) {
        return all.stream().sorted(Comparator.comparingLong(Count::n).reversed().thenComparing(Count::name))
                .limit(TOP).toList();
    }

    private long hours() {
        return Math.max(1, Math.round((untilMillis - sinceMillis) / 3_600_000.0));
    }

    // ------------------------------------------------------------------ renderings

    private static String counts(List<Count> list, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, list.size()); i++) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(AlertFormatter.clean(list.get(i).name())).append(" (").append(list.get(i).n()).append(')');
        }
        return sb.toString();
    }

    private static String events(Map<String, Long> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach((k, n) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append(' ').append(n);
        });
        return sb.toString();
    }

    private String lists(Templates t) {
        if (lists.isEmpty()) {
            return t.render("report.none");
        }
        Map<String, StringBuilder> byWho = new LinkedHashMap<>();
        for (ActivityStore.ListChange c : lists) {
            StringBuilder sb = byWho.computeIfAbsent(AlertFormatter.clean(c.who()), k -> new StringBuilder());
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.list()).append(c.action().equals("add") ? " +" : " -").append(c.n());
        }
        StringBuilder out = new StringBuilder();
        byWho.forEach((who, what) -> {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(who).append(": ").append(what);
        });
        return out.toString();
    }

    private String orNone(Templates t, String s) {
        return s.isEmpty() ? t.render("report.none") : s;
    }

    /** The short form for IRC: two lines per wiki, one for the lists and the feed (3 lines for one wiki). */
    public List<String> ircLines(Templates t) {
        List<String> out = new ArrayList<>();
        if (wikis.isEmpty()) {
            out.add(t.render("report.nothing", "hours", hours()));
        }
        for (WikiReport w : wikis) {
            out.add(t.render("report.head", "wiki", w.wiki(), "hours", hours(), "changes", w.changes(),
                    "raised", w.raised(), "alerted", w.alerted(), "events", orNone(t, events(w.events())),
                    "blocks", w.blocks()));
            out.add(t.render("report.tops", "wiki", w.wiki(), "users", orNone(t, counts(w.users(), TOP_IRC)),
                    "pages", orNone(t, counts(w.pages(), TOP_IRC))));
        }
        out.add(t.render("report.feed", "lists", lists(t), "reconnects", reconnects, "silent", silentMinutes));
        return out;
    }

    /** The rich form (webhooks, command line): every event, the top 10s, one fact a line. */
    public String richText(Templates t) {
        List<String> out = new ArrayList<>();
        out.add(t.render("report.title", "hours", hours()));
        if (wikis.isEmpty()) {
            out.add(t.render("report.nothing", "hours", hours()));
        }
        for (WikiReport w : wikis) {
            out.add(t.render("report.head", "wiki", w.wiki(), "hours", hours(), "changes", w.changes(),
                    "raised", w.raised(), "alerted", w.alerted(), "events", orNone(t, events(w.events())),
                    "blocks", w.blocks()));
            out.add(t.render("report.rich.users", "users", orNone(t, counts(w.users(), TOP))));
            out.add(t.render("report.rich.pages", "pages", orNone(t, counts(w.pages(), TOP))));
        }
        out.add(t.render("report.feed", "lists", lists(t), "reconnects", reconnects, "silent", silentMinutes));
        return AlertFormatter.plain(String.join("\n", out));
    }

    public ObjectNode json(ObjectMapper m) {
        ObjectNode n = m.createObjectNode();
        n.put("since", java.time.Instant.ofEpochMilli(sinceMillis).toString());
        n.put("until", java.time.Instant.ofEpochMilli(untilMillis).toString());
        ArrayNode ws = n.putArray("wikis");
        for (WikiReport w : wikis) {
            ObjectNode o = ws.addObject();
            o.put("wiki", w.wiki());
            o.put("changes", w.changes());
            o.put("raised", w.raised());
            o.put("alerted", w.alerted());
            o.put("blocks", w.blocks());
            ObjectNode ev = o.putObject("events");
            w.events().forEach(ev::put);
            ArrayNode us = o.putArray("topUsers");
            w.users().forEach(c -> us.addObject().put("name", c.name()).put("alerts", c.n()));
            ArrayNode ps = o.putArray("topPages");
            w.pages().forEach(c -> ps.addObject().put("name", c.name()).put("alerts", c.n()));
        }
        ArrayNode ls = n.putArray("listChanges");
        lists.forEach(c -> ls.addObject().put("who", c.who()).put("list", c.list()).put("action", c.action())
                .put("count", c.n()));
        n.put("reconnections", reconnects);
        n.put("silentMinutes", silentMinutes);
        return n;
    }
}
