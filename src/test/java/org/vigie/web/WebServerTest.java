package org.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Alert;
import org.vigie.alert.Priority;
import org.vigie.i18n.Templates;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.store.Audit;
import org.vigie.store.AuditRow;
import org.vigie.testutil.Await;
import org.vigie.web.WebSource.Hook;

/** The web server on a free port, fed by a source of fixed figures and a real {@link LiveAlerts}. */
class WebServerTest {

    static final String XSS_TITLE = "<script>alert(1)</script>";
    static final String XSS_USER = "\"><img src=x onerror=alert(2)>";

    /** A source whose figures the test sets. */
    static final class FixedSource implements WebSource {
        volatile String unhealthy;
        volatile Lookup lookup;

        @Override
        public Status status() {
            return new Status("9.9.9", 90_000, List.of(new FeedStats("irc test", true, System.currentTimeMillis(), 42,
                    41, 1, 0, 2)), 41, Map.of("ip", 5L), 3, 0, true, 10, 1, 1, 0, 4, 0,
                    Map.of("#vigie-alertes", 3), false, List.of("#calme"), Map.of("bl", 2L, "wl", 0L), 12_345,
                    "disabled", 7, 0, 0,
                    List.of(new Hook("discord-fr", "discord", 2, 40, 1, Map.of("stale", 3L), 5_000)),
                    Map.of("irc test", Map.of("shed", 6L)));
        }

        @Override
        public String unhealthyReason() {
            return unhealthy;
        }

        @Override
        public Lookup lookup(String item, String wiki) {
            return lookup;
        }
    }

    private final FixedSource source = new FixedSource();
    private LiveAlerts alerts;
    private WebServer web;
    private final HttpClient http = HttpClient.newHttpClient();

    private WebServer start(String base, int viewers) throws IOException {
        alerts = new LiveAlerts(Clock.systemUTC(), viewers);
        web = new WebServer("127.0.0.1", 0, base, Templates.loadResource("en"), source, alerts, Clock.systemUTC(),
                true);
        return web;
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Verdict verdict(String title, String user, Event... events) {
        long bits = 0;
        List<Verdict.Reason> reasons = new ArrayList<>();
        for (Event e : events) {
            bits |= e.bit();
        }
        return new Verdict(Changes.edit(title, user, -1234).summary("résumé <b>gras</b>").build(), EditorClass.ANON,
                bits, reasons, List.of());
    }

    /** Sends a verdict as the engine does (one alert per channel) and waits until the page has it. */
    private void fire(Verdict v) {
        long before = alerts.recent().size();
        alerts.send(new Alert("#a", "text", Priority.NORMAL, System.nanoTime()), v);
        alerts.send(new Alert("#b", "text", Priority.NORMAL, System.nanoTime()), v);
        Await.until("the alert reached the page's list", () -> alerts.recent().size() != before);
    }

    @Test
    void wikiTextIsEscapedAndEveryAnswerCarriesAStrictPolicy() throws Exception {
        start("", 5);
        fire(verdict(XSS_TITLE, XSS_USER, Event.IP));
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals(WebServer.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        String html = r.body();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), html);
        assertTrue(html.contains("résumé &lt;b&gt;gras&lt;/b&gt;"), html);
        assertFalse(html.contains("<img"), "no element made of wiki text");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "no inline script");
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html.replace("onerror=alert(2)",
                "")).find(), "no event-handler attribute");
        assertFalse(html.contains(" style="), "no inline style");
        // one row for the verdict although it went to two channels
        assertEquals(1, html.split("<tr class=\"alert\"", -1).length - 1);
        assertTrue(html.contains("href=\"https://fr.wikipedia.org/w/index.php?diff=1002&amp;oldid=1001\""), html);
        assertTrue(html.contains("title=Special:Contributions&amp;target=%22%3E%3Cimg_src%3Dx_onerror%3Dalert%282%29%3E"),
                html);
        for (String path : List.of("/static/vigie.js", "/static/vigie.css", "/status", "/lists", "/metrics",
                "/healthz", "/nowhere")) {
            assertEquals(WebServer.CSP, get(path).headers().firstValue("Content-Security-Policy").orElse(""), path);
        }
        assertEquals(404, get("/nowhere").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void filtersInTheAddressHideRowsOnTheServerToo() throws Exception {
        start("", 5);
        fire(verdict("Alpha", "Un", Event.IP));
        Verdict other = new Verdict(Changes.edit("Beta", "Deux", 5).wiki("en.wikipedia").build(), EditorClass.USER,
                Event.BIGEDIT.bit(), List.of(), List.of());
        fire(other);
        String byWiki = get("/?wiki=en.wikipedia").body();
        assertTrue(Pattern.compile("<tr class=\"alert\"[^>]*data-wiki=\"fr.wikipedia\"[^>]* hidden>").matcher(byWiki)
                .find(), byWiki);
        assertTrue(Pattern.compile("<tr class=\"alert\"[^>]*data-wiki=\"en.wikipedia\"[^>]*\"bigedit\">")
                .matcher(byWiki).find(), byWiki);
        String byText = get("/?q=alp").body();
        assertTrue(Pattern.compile("data-events=\"ip\">").matcher(byText).find(), byText);
        assertTrue(Pattern.compile("data-events=\"bigedit\" hidden>").matcher(byText).find(), byText);
        String byEvent = get("/?event=bigedit").body();
        assertTrue(byEvent.contains("<option value=\"bigedit\" selected"), byEvent);
        assertTrue(byEvent.contains("data-events=\"ip\" hidden>"), byEvent);
    }

    @Test
    void everyPageHasAllItsSentencesInBothLanguages() throws Exception {
        for (String lang : List.of("fr", "en")) {
            alerts = new LiveAlerts(Clock.systemUTC(), 5);
            web = new WebServer("127.0.0.1", 0, "", Templates.load(java.nio.file.Path.of("messages"), lang), source,
                    alerts, Clock.systemUTC(), false);
            try {
                fire(verdict("Page", "192.0.2.1", Event.IP));
                long now = System.currentTimeMillis();
                Entry e = new Entry(ListKind.BL, Entry.GLOBAL, "Page", "oper", "", now, now + 60_000,
                        Entry.Source.OPERATOR);
                source.lookup = new WebSource.Lookup("Page", List.of(e), List.of(), Map.of("Page", List.of(
                        new AuditRow(1, now, "oper", null, Audit.Action.DEL, "bl", "*", "Page", "page", "", null))));
                for (String path : List.of("/", "/lists", "/lists?q=Page", "/status", "/nowhere")) {
                    String body = get(path).body();
                    assertFalse(body.matches("(?s).*\\[[a-z]+\\.[a-z0-9.]+\\].*"), lang + " " + path + ": " + body);
                    assertTrue(body.contains("<html lang=\"" + lang + "\">"), body);
                }
            } finally {
                web.close();
                alerts.close();
            }
        }
        web = null;
        alerts = null;
    }

    @Test
    void healthzGivesTheReason() throws Exception {
        start("", 5);
        HttpResponse<String> ok = get("/healthz");
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());
        source.unhealthy = "feed disconnected";
        HttpResponse<String> bad = get("/healthz");
        assertEquals(503, bad.statusCode());
        assertEquals("feed disconnected\n", bad.body());
    }

    @Test
    void metricsComeFromThePrometheusClientWithLabels() throws Exception {
        start("", 5);
        fire(verdict("Page", "192.0.2.1", Event.IP, Event.BIGREMOVE));
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        String m = r.body();
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        assertTrue(m.contains("# TYPE vigie_alerts_total counter"), m);
        assertTrue(m.contains("vigie_alerts_total{event=\"ip\",wiki=\"fr.wikipedia\"} 1.0"), m);
        assertTrue(m.contains("vigie_alerts_total{event=\"bigremove\",wiki=\"fr.wikipedia\"} 1.0"), m);
        assertTrue(m.contains("vigie_feed_lines_total{source=\"irc test\"} 42.0"), m);
        assertTrue(m.contains("vigie_feed_reconnects_total{source=\"irc test\"} 2.0"), m);
        assertTrue(m.contains("vigie_outbox_depth{channel=\"#vigie-alertes\"} 3.0"), m);
        assertTrue(m.contains("vigie_list_entries{list=\"bl\"} 2.0"), m);
        assertTrue(m.contains("vigie_queue_depth 3.0"), m);
        assertTrue(m.contains("vigie_feed_shed_total{source=\"irc test\"} 6.0"), m);
        assertTrue(m.contains("vigie_events_total{event=\"ip\"} 5.0"), m);
        assertTrue(m.contains("vigie_outbox_coalesced_total 4.0"), m);
        assertTrue(m.contains("vigie_commands_whois_total 7.0"), m);
        assertTrue(m.contains("vigie_hook_dropped_total{hook=\"discord-fr\",reason=\"stale\"} 3.0"), m);
        assertTrue(m.contains("vigie_hook_queued{hook=\"discord-fr\"} 2.0"), m);
        assertTrue(m.contains("vigie_build_info{version=\"9.9.9\"} 1.0"), m);
        assertTrue(m.contains("jvm_memory_used_bytes{"), "JVM metrics too");
        // OpenMetrics when the scraper asks for it
        HttpResponse<String> om = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
                        + "/metrics")).header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(om.body().endsWith("# EOF\n"), om.body());
    }

    @Test
    void statusDrawsTheChartAndServesJson() throws Exception {
        start("", 5);
        fire(verdict("Page", "192.0.2.1", Event.IP));
        String html = get("/status").body();
        assertTrue(html.contains("<svg id=\"alerts-chart\""), html);
        assertTrue(html.contains("data-count=\"1\""), html);
        assertEquals(60, html.split("<rect class=\"bar\"", -1).length - 1);
        assertTrue(html.contains("#vigie-alertes</td><td>3</td>"), html);
        assertTrue(html.contains("#calme"), html);
        assertTrue(html.contains("<tr><td>hook:discord-fr</td><td>discord</td><td>2</td><td>40</td>"), html);
        assertTrue(html.contains("13 KiB"), html);
        String json = get("/status.json").body();
        assertTrue(json.contains("\"version\" : \"9.9.9\""), json);
        assertTrue(json.contains("\"alerted\" : 1"), json);
    }

    @Test
    void listsShowsEntriesAndTheirHistoryEscaped() throws Exception {
        start("", 5);
        long now = System.currentTimeMillis();
        Entry e = new Entry(ListKind.BL, "fr.wikipedia", "Vandale", "oper (opacct)", "<i>spam</i>", now, Entry.NEVER,
                Entry.Source.OPERATOR);
        Entry w = new Entry(ListKind.BNU, Entry.GLOBAL, "/vand[a-z]+/", "oper", "", now, now + 3_600_000,
                Entry.Source.OPERATOR);
        AuditRow row = new AuditRow(7, now, "oper", "opacct", Audit.Action.ADD, "bl", "fr.wikipedia", "Vandale",
                "vandale", "<i>spam</i>", null);
        source.lookup = new WebSource.Lookup("Vandale", List.of(e), List.of(new WebSource.WordHit(w, "Vandale")),
                Map.of("Vandale", List.of(row)));
        String html = get("/lists?q=Vandale").body();
        assertTrue(html.contains("&lt;i&gt;spam&lt;/i&gt;"), html);
        assertFalse(html.contains("<i>"), html);
        assertTrue(html.contains("oper (opacct)"), html);
        assertTrue(html.contains("/vand[a-z]+/"), html);
        assertTrue(html.contains("History (1)"), html);
        assertEquals(400, get("/lists?q=" + "x".repeat(WebServer.MAX_QUERY + 1)).statusCode());
        assertFalse(get("/lists").body().contains("id=\"exact\""), "no look-up without a query");
    }

    @Test
    void underAPathPrefixEveryLinkKeepsIt() throws Exception {
        start("/vigie/", 5);
        assertEquals("http://127.0.0.1:" + web.port() + "/vigie/", web.address());
        HttpResponse<String> page = get("/vigie/status");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"/vigie/static/vigie.css\""), page.body());
        assertTrue(page.body().contains("href=\"/vigie/lists\""), page.body());
        assertEquals(404, get("/status").statusCode());
        assertEquals(308, get("/vigie").statusCode());
        assertEquals(200, get("/vigie/healthz").statusCode());
    }

    @Test
    void liveViewersGetAlertsAndThoseBeyondTheLimitAreRefusedAtOnce() throws Exception {
        start("", 2);
        List<java.net.HttpURLConnection> open = new ArrayList<>();
        try {
            java.net.HttpURLConnection first = stream();
            open.add(first);
            open.add(stream());
            assertEquals(200, open.get(1).getResponseCode());
            java.net.HttpURLConnection third = stream();
            assertEquals(503, third.getResponseCode(), "beyond web.clients");
            assertTrue(third.getHeaderField("Retry-After") != null);
            third.disconnect();
            assertEquals(2, alerts.viewers());
            assertEquals(1, alerts.refused());
            BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("retry: 5000", in.readLine());
            fire(verdict(XSS_TITLE, "192.0.2.9", Event.IP));
            String data = null;
            for (String l; (l = in.readLine()) != null; ) {
                if (l.startsWith("data: ")) {
                    data = l;
                    break;
                }
            }
            assertNotNull(data);
            assertTrue(data.contains("\"title\":\"<script>alert(1)</script>\""), data);
            assertTrue(data.contains("\"events\":[\"ip\"]"), data);
        } finally {
            open.forEach(java.net.HttpURLConnection::disconnect);
        }
    }

    @Test
    void aReconnectingPageGetsWhatItMissed() throws Exception {
        start("", 5);
        fire(verdict("Premier", "192.0.2.1", Event.IP));
        fire(verdict("Second", "192.0.2.2", Event.IP));
        long firstId = alerts.recent().get(1).id();
        assertStreamStartsWith("/events", Long.toString(firstId), firstId + 1, "Second");
    }

    /** A new page names the newest alert it was rendered with: one taken in between the page and its stream is sent. */
    @Test
    void aNewPageGetsTheAlertsTakenBetweenItsRenderingAndItsStream() throws Exception {
        start("", 5);
        fire(verdict("Rendue", "192.0.2.1", Event.IP));
        long rendered = alerts.recent().get(0).id();
        fire(verdict("Entre-deux", "192.0.2.2", Event.IP));
        assertStreamStartsWith("/events?since=" + rendered, null, rendered + 1, "Entre-deux");
    }

    /** The stream at {@code path} (with a Last-Event-ID, or none) starts with the alert {@code id} titled so. */
    private void assertStreamStartsWith(String path, String lastEventId, long id, String title) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + web.port()
                + path).toURL().openConnection();
        c.setReadTimeout(10_000);
        if (lastEventId != null) {
            c.setRequestProperty("Last-Event-ID", lastEventId);
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("retry: 5000", in.readLine());
            assertEquals("", in.readLine());
            assertEquals("id: " + id, in.readLine());
            assertEquals("event: alert", in.readLine());
            String data = in.readLine();
            assertTrue(data.contains("\"title\":\"" + title + "\""), data);
        } finally {
            c.disconnect();
        }
    }

    private java.net.HttpURLConnection stream() throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + web.port()
                + "/events").toURL().openConnection();
        c.setReadTimeout(10_000);
        c.setRequestProperty("Accept", "text/event-stream");
        c.connect();
        c.getResponseCode();
        return c;
    }
}
