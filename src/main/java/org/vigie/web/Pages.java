package org.vigie.web;

import static org.vigie.web.Html.attr;
import static org.vigie.web.Html.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.i18n.Templates;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Event;
import org.vigie.store.AuditRow;

/**
 * The HTML of the three pages, written by hand: every value from a wiki, a list or the audit trail goes through
 * {@link Html#text}; no inline script or style (the page's script and style sheet are files, the policy forbids the
 * rest); the strings come from {@code messages/} ({@code web.*}).
 */
final class Pages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Templates t;
    private final String base;

    Pages(Templates t, String base) {
        this.t = t;
        this.base = base;
    }

    private String m(String key, Object... args) {
        return text(t.render(key, args));
    }

    // ------------------------------------------------------------------ layout

    private StringBuilder head(String page, String title, Map<String, String> data) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=").append(attr(t.lang())).append(">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text(title)).append(" — Vigie</title>\n")
                .append("<link rel=\"stylesheet\" href=").append(attr(base + "/static/vigie.css")).append(">\n")
                .append("<script src=").append(attr(base + "/static/vigie.js")).append(" defer></script>\n")
                .append("</head>\n<body data-page=").append(attr(page)).append(" data-base=").append(attr(base));
        for (Map.Entry<String, String> d : data.entrySet()) {
            b.append(" data-").append(d.getKey()).append('=').append(attr(d.getValue()));
        }
        b.append(">\n<header><nav><span class=\"brand\">Vigie</span>")
                .append(navLink(page, "alerts", "/", "web.nav.alerts"))
                .append(navLink(page, "lists", "/lists", "web.nav.lists"))
                .append(navLink(page, "status", "/status", "web.nav.status"))
                .append("</nav></header>\n<main>\n<h1>").append(text(title)).append("</h1>\n");
        return b;
    }

    private String navLink(String page, String name, String path, String key) {
        return " <a href=" + attr(base + path) + (page.equals(name) ? " aria-current=\"page\"" : "") + ">"
                + m(key) + "</a>";
    }

    private static String end(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    static String dateTime(long millis) {
        return DATE_TIME.format(Instant.ofEpochMilli(millis)) + " UTC";
    }

    // ------------------------------------------------------------------ /

    /** The filters of the alerts page, as read from the address ({@code ?wiki=&event=&q=}). */
    record Filter(String wiki, String event, String text) {
        Filter {
            wiki = wiki == null ? "" : wiki.strip();
            event = event == null ? "" : event.strip().toLowerCase(Locale.ROOT);
            text = text == null ? "" : text.strip();
        }

        /** The same test as the page's script: wiki exact, event among the alert's, text in title, user or summary. */
        boolean shows(LiveAlert a) {
            if (!wiki.isEmpty() && !wiki.equals(a.wiki())) {
                return false;
            }
            if (!event.isEmpty() && !a.events().contains(event)) {
                return false;
            }
            if (text.isEmpty()) {
                return true;
            }
            String q = text.toLowerCase(Locale.ROOT);
            return contains(a.title(), q) || contains(a.user(), q) || contains(a.summary(), q);
        }

        private static boolean contains(String s, String q) {
            return s != null && s.toLowerCase(Locale.ROOT).contains(q);
        }
    }

    String alerts(List<LiveAlert> recent, Filter f, boolean full) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String k : List.of("live", "paused", "reconnecting", "full", "missed", "pause", "resume", "waiting",
                "diff", "contribs", "history", "none")) {
            data.put("t-" + k, t.render("web.alerts.js." + k));
        }
        StringBuilder b = head("alerts", t.render("web.alerts.title"), data);
        Set<String> wikis = new TreeSet<>();
        recent.forEach(a -> wikis.add(a.wiki()));
        b.append("<form id=\"filters\" method=\"get\" action=").append(attr(base + "/")).append(">\n")
                .append("<label>").append(m("web.alerts.wiki"))
                .append(" <input name=\"wiki\" id=\"f-wiki\" list=\"wikis\" size=\"16\" value=")
                .append(attr(f.wiki())).append("></label>\n<datalist id=\"wikis\">");
        for (String w : wikis) {
            b.append("<option value=").append(attr(w)).append(">");
        }
        b.append("</datalist>\n<label>").append(m("web.alerts.event"))
                .append(" <select name=\"event\" id=\"f-event\"><option value=\"\">").append(m("web.alerts.anyevent"))
                .append("</option>");
        for (Event e : Event.values()) {
            b.append("<option value=").append(attr(e.key())).append(e.key().equals(f.event()) ? " selected" : "")
                    .append(" title=").append(attr(t.render("help.event." + e.key()))).append(">")
                    .append(text(e.key())).append("</option>");
        }
        b.append("</select></label>\n<label>").append(m("web.alerts.text"))
                .append(" <input type=\"search\" name=\"q\" id=\"f-text\" size=\"24\" value=").append(attr(f.text()))
                .append("></label>\n<button type=\"submit\" id=\"f-apply\">").append(m("web.alerts.apply"))
                .append("</button>\n<button type=\"button\" id=\"pause\" hidden>").append(m("web.alerts.js.pause"))
                .append("</button>\n<span id=\"live\" role=\"status\">").append(full ? m("web.alerts.js.full") : "")
                .append("</span>\n</form>\n");
        b.append("<p class=\"hint\">").append(m("web.alerts.hint", "kept", LiveAlerts.KEPT)).append("</p>\n");
        boolean any = false;
        StringBuilder rows = new StringBuilder();
        for (LiveAlert a : recent) {
            boolean shown = f.shows(a);
            any |= shown;
            alertRow(rows, a, shown);
        }
        b.append("<p id=\"none\"").append(any ? " hidden" : "").append(">").append(m("web.alerts.js.none"))
                .append("</p>\n<table id=\"alerts\" class=\"alerts\">\n<thead><tr><th>")
                .append(m("web.alerts.col.time")).append("</th><th>").append(m("web.alerts.col.wiki"))
                .append("</th><th>").append(m("web.alerts.col.page")).append("</th><th>")
                .append(m("web.alerts.col.user")).append("</th><th>").append(m("web.alerts.col.size"))
                .append("</th><th>").append(m("web.alerts.col.events")).append("</th><th>")
                .append(m("web.alerts.col.score")).append("</th><th>").append(m("web.alerts.col.links"))
                .append("</th></tr></thead>\n<tbody id=\"alert-rows\">\n").append(rows).append("</tbody>\n</table>\n");
        return end(b);
    }

    /** One row; the page's script builds the same structure for a live alert (vigie.js, {@code row}). */
    private void alertRow(StringBuilder b, LiveAlert a, boolean shown) {
        b.append("<tr class=\"alert\" data-id=\"").append(a.id()).append("\" data-wiki=").append(attr(a.wiki()))
                .append(" data-events=").append(attr(String.join(" ", a.events()))).append(shown ? "" : " hidden")
                .append(">\n<td class=\"time\"><time datetime=").append(attr(Instant.ofEpochMilli(a.atMillis())))
                .append(">").append(time(a.atMillis())).append("</time></td>")
                .append("<td class=\"wiki\">").append(text(a.wiki())).append("</td>")
                .append("<td class=\"page\"><span class=\"title\">").append(text(a.title())).append("</span>")
                .append(" <span class=\"kind\">").append(text(a.kind())).append("</span>");
        if (!a.summary().isEmpty()) {
            b.append("<div class=\"summary\">").append(text(a.summary())).append("</div>");
        }
        if (!a.reasons().isEmpty()) {
            b.append("<div class=\"reasons\">").append(text(String.join(" · ", a.reasons()))).append("</div>");
        }
        b.append("</td><td class=\"user\">").append(text(a.user())).append("</td>")
                .append("<td class=\"size").append(a.size() == null ? "" : a.size() < 0 ? " neg" : " pos").append("\">")
                .append(a.size() == null ? "" : a.size() > 0 ? "+" + a.size() : a.size().toString()).append("</td>")
                .append("<td class=\"events\">");
        for (String e : a.events()) {
            b.append("<span class=\"ev\">").append(text(e)).append("</span> ");
        }
        b.append("</td><td class=\"score\">").append(a.score() == null ? "" : a.score().toString())
                .append("</td><td class=\"links\">");
        link(b, a.diffUrl(), "web.alerts.js.diff");
        link(b, a.contribsUrl(), "web.alerts.js.contribs");
        link(b, a.historyUrl(), "web.alerts.js.history");
        b.append("</td></tr>\n");
    }

    private void link(StringBuilder b, String url, String key) {
        if (Html.linkable(url)) {
            b.append("<a href=").append(attr(url)).append(" rel=\"noopener noreferrer\" target=\"_blank\">")
                    .append(m(key)).append("</a> ");
        }
    }

    // ------------------------------------------------------------------ /lists

    String lists(String q, String wiki, WebSource.Lookup found) {
        StringBuilder b = head("lists", t.render("web.lists.title"), Map.of());
        b.append("<form id=\"lookup\" method=\"get\" action=").append(attr(base + "/lists")).append(">\n<label>")
                .append(m("web.lists.item")).append(" <input name=\"q\" id=\"q\" size=\"32\" maxlength=\"")
                .append(WebServer.MAX_QUERY).append("\" value=").append(attr(q == null ? "" : q))
                .append("></label>\n<label>").append(m("web.lists.wiki"))
                .append(" <input name=\"wiki\" id=\"wiki\" size=\"16\" value=").append(attr(wiki == null ? "" : wiki))
                .append("></label>\n<button type=\"submit\">").append(m("web.lists.search"))
                .append("</button>\n</form>\n")
                .append("<p class=\"hint\">").append(m("web.lists.readonly")).append("</p>\n");
        if (found == null) {
            return end(b);
        }
        b.append("<section id=\"exact\">\n<h2>").append(m("web.lists.exact", "item", found.item())).append("</h2>\n");
        if (found.exact().isEmpty()) {
            b.append("<p class=\"empty\">").append(m("web.lists.noexact", "item", found.item())).append("</p>\n");
        } else {
            entryTable(b, found.exact(), null, found.history());
        }
        b.append("</section>\n<section id=\"words\">\n<h2>").append(m("web.lists.words")).append("</h2>\n");
        if (found.words().isEmpty()) {
            b.append("<p class=\"empty\">").append(m("web.lists.nowords", "item", found.item())).append("</p>\n");
        } else {
            List<Entry> entries = new ArrayList<>();
            List<String> matched = new ArrayList<>();
            for (WebSource.WordHit h : found.words()) {
                entries.add(h.entry());
                matched.add(h.matched());
            }
            entryTable(b, entries, matched, found.history());
        }
        List<AuditRow> all = found.history().getOrDefault(found.item(), List.of());
        b.append("</section>\n<section id=\"history\">\n<h2>").append(m("web.lists.history", "item", found.item()))
                .append("</h2>\n");
        if (all.isEmpty()) {
            b.append("<p class=\"empty\">").append(m("web.lists.nohistory")).append("</p>\n");
        } else {
            auditTable(b, all, true);
        }
        b.append("</section>\n");
        return end(b);
    }

    private void entryTable(StringBuilder b, List<Entry> entries, List<String> matched,
                            Map<String, List<AuditRow>> history) {
        b.append("<table class=\"entries\">\n<thead><tr><th>").append(m("web.lists.col.list")).append("</th><th>")
                .append(m("web.lists.col.scope")).append("</th><th>").append(m("web.lists.col.item")).append("</th>");
        if (matched != null) {
            b.append("<th>").append(m("web.lists.col.matched")).append("</th>");
        }
        b.append("<th>").append(m("web.lists.col.by")).append("</th><th>").append(m("web.lists.col.added"))
                .append("</th><th>").append(m("web.lists.col.expires")).append("</th><th>")
                .append(m("web.lists.col.reason")).append("</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append("<tr class=\"entry\" data-list=").append(attr(e.kind().command())).append("><td>")
                    .append(text(listName(e.kind()))).append(" <code>").append(text(e.kind().command()))
                    .append("</code></td><td>").append(text(scope(e.wiki()))).append("</td><td class=\"item\">")
                    .append(text(e.item())).append("</td>");
            if (matched != null) {
                b.append("<td class=\"matched\">").append(text(matched.get(i))).append("</td>");
            }
            b.append("<td>").append(text(e.adder())).append("</td><td>").append(dateTime(e.addedMillis()))
                    .append("</td><td>").append(e.expiresMillis() == Entry.NEVER ? m("web.lists.never")
                            : text(dateTime(e.expiresMillis()))).append("</td><td>").append(text(e.reason()))
                    .append("</td></tr>\n");
            List<AuditRow> rows = new ArrayList<>();
            for (AuditRow r : history.getOrDefault(e.item(), List.of())) {
                if (e.kind().command().equals(r.area()) && e.wiki().equals(r.wiki())) {
                    rows.add(r);
                }
            }
            b.append("<tr class=\"entry-history\"><td colspan=\"").append(matched == null ? 7 : 8).append("\">");
            if (rows.isEmpty()) {
                b.append("<span class=\"empty\">").append(m("web.lists.nohistory")).append("</span>");
            } else {
                b.append("<details open><summary>").append(m("web.lists.entryhistory", "count", rows.size()))
                        .append("</summary>\n");
                auditTable(b, rows, false);
                b.append("</details>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private void auditTable(StringBuilder b, List<AuditRow> rows, boolean withList) {
        b.append("<table class=\"audit\">\n<thead><tr><th>").append(m("web.lists.col.when")).append("</th><th>")
                .append(m("web.lists.col.who")).append("</th><th>").append(m("web.lists.col.action")).append("</th>");
        if (withList) {
            b.append("<th>").append(m("web.lists.col.list")).append("</th><th>").append(m("web.lists.col.scope"))
                    .append("</th>");
        }
        b.append("<th>").append(m("web.lists.col.reason")).append("</th><th>").append(m("web.lists.col.expires"))
                .append("</th></tr></thead>\n<tbody>\n");
        for (AuditRow r : rows) {
            String who = r.account() == null ? r.nick() : r.nick() + " (" + r.account() + ")";
            b.append("<tr class=\"audit-row\"><td>").append(dateTime(r.atMillis())).append("</td><td>")
                    .append(text(who)).append("</td><td>")
                    .append(m("web.lists.action." + r.action().name().toLowerCase(Locale.ROOT))).append("</td>");
            if (withList) {
                ListKind k = ListKind.fromCommand(r.area());
                b.append("<td>").append(text(k == null ? r.area() : listName(k))).append("</td><td>")
                        .append(text(r.wiki() == null ? "" : scope(r.wiki()))).append("</td>");
            }
            b.append("<td>").append(text(r.details() == null ? "" : r.details())).append("</td><td>")
                    .append(r.expiresMillis() == null ? ""
                            : r.expiresMillis() == Entry.NEVER ? m("web.lists.never")
                            : text(dateTime(r.expiresMillis()))).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private String listName(ListKind k) {
        return t.render("cmd.listname." + k.command());
    }

    private String scope(String wiki) {
        return Entry.GLOBAL.equals(wiki) ? t.render("web.lists.global") : wiki;
    }

    // ------------------------------------------------------------------ /status

    String status(WebSource.Status s, Map<String, Double> linesPerSecond, LiveAlerts alerts, long nowMillis) {
        StringBuilder b = head("status", t.render("web.status.title"), Map.of());
        b.append("<p class=\"summary-line\">").append(m("web.status.version", "version", s.version(),
                "uptime", duration(s.uptimeMillis()))).append("</p>\n");
        // feeds
        b.append("<section id=\"feeds\">\n<h2>").append(m("web.status.feeds")).append("</h2>\n<table>\n<thead><tr><th>")
                .append(m("web.status.col.source")).append("</th><th>").append(m("web.status.col.state"))
                .append("</th><th>").append(m("web.status.col.lastline")).append("</th><th>")
                .append(m("web.status.col.lag")).append("</th><th>").append(m("web.status.col.lines"))
                .append("</th><th>").append(m("web.status.col.rate")).append("</th><th>")
                .append(m("web.status.col.skipped")).append("</th><th>").append(m("web.status.col.dropped"))
                .append("</th><th>").append(m("web.status.col.reconnects")).append("</th></tr></thead>\n<tbody>\n");
        if (s.feeds().isEmpty()) {
            b.append("<tr><td colspan=\"9\">").append(m("web.status.nofeed")).append("</td></tr>\n");
        }
        for (FeedStats f : s.feeds()) {
            Double rate = linesPerSecond.get(f.name());
            b.append("<tr class=\"feed\"><td>").append(text(f.name())).append("</td><td class=")
                    .append(attr(f.connected() ? "ok" : "bad")).append(">")
                    .append(m(f.connected() ? "web.status.connected" : "web.status.disconnected")).append("</td><td>")
                    .append(f.lastLineMillis() == 0 ? m("web.status.never") : text(time(f.lastLineMillis()) + " UTC"))
                    .append("</td><td>")
                    .append(f.lastLineMillis() == 0 ? "" : m("web.status.seconds", "n",
                            Math.max(0, (nowMillis - f.lastLineMillis()) / 1000)))
                    .append("</td><td>").append(f.lines()).append("</td><td>")
                    .append(rate == null ? "" : String.format(Locale.ROOT, "%.1f", rate)).append("</td><td>")
                    .append(f.skipped()).append("</td><td>").append(f.dropped()).append("</td><td>")
                    .append(f.reconnects()).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
        // engine and alerts
        long[] series = alerts.perMinute();
        long lastHour = 0;
        for (long n : series) {
            lastHour += n;
        }
        b.append("<section id=\"engine\">\n<h2>").append(m("web.status.engine")).append("</h2>\n<dl>")
                .append(dd("web.status.changes", s.changes()))
                .append(dd("web.status.queue", s.queueDepth()))
                .append(dd("web.status.queuedropped", s.queueDropped()))
                .append(dd("web.status.alerted", alerts.alerted()))
                .append(dd("web.status.viewers", alerts.viewers() + " / " + alerts.maxViewers()))
                .append(dd("web.status.webdropped", alerts.dropped()))
                .append("</dl>\n<h3>").append(m("web.status.chart", "count", lastHour)).append("</h3>\n")
                .append(AlertChart.svg(series, nowMillis, t.render("web.status.chart.label"),
                        t.render("web.status.chart.ago"), t.render("web.status.chart.now")))
                .append("</section>\n");
        // network
        b.append("<section id=\"network\">\n<h2>").append(m("web.status.network")).append("</h2>\n<dl>")
                .append(dd("web.status.networkstate", t.render(s.networkConnected() ? "web.status.connected"
                        : "web.status.disconnected")))
                .append(dd("web.status.sent", s.outboxSent()))
                .append(dd("web.status.outboxdropped", t.render("web.status.dropdetail", "total", s.outboxDropped(),
                        "stale", s.outboxStaleDropped(), "full", s.outboxFullDropped())))
                .append(dd("web.status.coalesced", s.outboxCoalesced()))
                .append(dd("web.status.publicdropped", s.outboxPublicDropped()))
                .append(dd("web.status.quietall", t.render(s.quietAll() ? "web.status.yes" : "web.status.no")))
                .append(dd("web.status.quiet", s.quietChannels().isEmpty() ? t.render("web.status.none")
                        : String.join(", ", s.quietChannels())))
                .append("</dl>\n<h3>").append(m("web.status.outbox")).append("</h3>\n");
        if (s.outboxDepth().isEmpty()) {
            b.append("<p class=\"empty\">").append(m("web.status.outboxempty")).append("</p>\n");
        } else {
            b.append("<table id=\"outbox\">\n<thead><tr><th>").append(m("web.status.col.channel")).append("</th><th>")
                    .append(m("web.status.col.waiting")).append("</th></tr></thead>\n<tbody>\n");
            new java.util.TreeMap<>(s.outboxDepth()).forEach((ch, n) -> b.append("<tr><td>").append(text(ch))
                    .append("</td><td>").append(n).append("</td></tr>\n"));
            b.append("</tbody>\n</table>\n");
        }
        if (!s.hooks().isEmpty()) {
            b.append("<h3>").append(m("web.status.hooks")).append("</h3>\n<table id=\"hooks\">\n<thead><tr><th>")
                    .append(m("web.status.col.hook")).append("</th><th>").append(m("web.status.col.format"))
                    .append("</th><th>").append(m("web.status.col.waiting")).append("</th><th>")
                    .append(m("web.status.col.sent")).append("</th><th>").append(m("web.status.col.retried"))
                    .append("</th><th>").append(m("web.status.col.dropped")).append("</th><th>")
                    .append(m("web.status.col.oldest")).append("</th></tr></thead>\n<tbody>\n");
            for (WebSource.Hook h : s.hooks()) {
                long dropped = 0;
                for (long n : h.dropped().values()) {
                    dropped += n;
                }
                b.append("<tr><td>hook:").append(text(h.name())).append("</td><td>").append(text(h.format()))
                        .append("</td><td>").append(h.queued()).append("</td><td>").append(h.sent())
                        .append("</td><td>").append(h.retried()).append("</td><td>").append(dropped)
                        .append(h.dropped().isEmpty() ? "" : " " + text(new java.util.TreeMap<>(h.dropped())))
                        .append("</td><td>").append(h.queued() == 0 ? ""
                                : m("web.status.seconds", "n", h.oldestAgeMillis() / 1000))
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");
        // lists and database
        b.append("<section id=\"lists\">\n<h2>").append(m("web.status.lists")).append("</h2>\n<table>\n<thead><tr><th>")
                .append(m("web.lists.col.list")).append("</th><th>").append(m("web.status.col.entries"))
                .append("</th></tr></thead>\n<tbody>\n");
        for (ListKind k : ListKind.values()) {
            Long n = s.listSizes().get(k.command());
            if (n != null) {
                b.append("<tr><td>").append(text(listName(k))).append(" <code>").append(k.command())
                        .append("</code></td><td>").append(n).append("</td></tr>\n");
            }
        }
        b.append("</tbody>\n</table>\n<dl>")
                .append(dd("web.status.database", s.databaseBytes() < 0 ? t.render("web.status.unknown")
                        : t.render("web.status.kib", "n", (s.databaseBytes() + 1023) / 1024)))
                .append(dd("web.status.wikiapi", s.wikiApi()))
                .append("</dl>\n</section>\n");
        return end(b);
    }

    private String dd(String key, Object value) {
        return "<dt>" + m(key) + "</dt><dd>" + text(value) + "</dd>";
    }

    String duration(long millis) {
        long s = millis / 1000;
        long d = s / 86_400;
        long h = s % 86_400 / 3600;
        long min = s % 3600 / 60;
        return d > 0 ? t.render("web.status.days", "d", d, "h", h, "m", min)
                : t.render("web.status.hours", "h", h, "m", min, "s", s % 60);
    }

    // ------------------------------------------------------------------ errors

    /** Why a live page was refused (plain text). */
    String full() {
        return t.render("web.alerts.js.full");
    }

    /** The answer to a request whose Host header names a site that is not this one (plain text). */
    String hostRefused() {
        return t.render("web.host.refused");
    }

    String notFound() {
        StringBuilder b = head("none", t.render("web.notfound"), Map.of());
        b.append("<p><a href=").append(attr(base + "/")).append(">").append(m("web.nav.alerts")).append("</a></p>\n");
        return end(b);
    }
}
