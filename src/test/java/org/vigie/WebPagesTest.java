package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.config.BotConfig;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.store.Actor;
import org.vigie.web.WebServer;

/**
 * The pages over a real Vigie's state (H2 file, lists, audit trail), without its connections: no secret of the
 * configuration shows anywhere, the look-up finds exact and word entries with their history and never the operators'
 * list, and health says why it is not healthy.
 */
class WebPagesTest {

    static final String SASL_PASSWORD = "sasl-secret-8d1f";
    static final String SERVER_PASSWORD = "server-secret-41ac";

    @TempDir
    Path tmp;

    private BotConfig config() {
        return BotConfig.defaults().with(
                "irc.host", "127.0.0.1",
                "irc.sasl.user", "VigieAccount", "irc.sasl.password", SASL_PASSWORD,
                "irc.password", SERVER_PASSWORD,
                "wiki.api", "false", "web.port", "0",
                "lang", "en",
                "lists.dir", tmp.resolve("no-lists").toString(),
                "plugins.dir", tmp.resolve("plugins").toString(),
                "commands.file", tmp.resolve("commands.properties").toString(),
                "db.url", "jdbc:h2:file:" + tmp.resolve("db/vigie") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    private static String get(WebServer web, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + "\n" + r.body();
    }

    @Test
    void noSecretAnywhereAndTheLookUpReadsTheListsAndTheAuditTrail() throws Exception {
        try (Vigie v = new Vigie(config(), Clock.systemUTC());
             WebServer web = new WebServer("127.0.0.1", 0, "", v.templates, v.webSource, v.liveAlerts, v.clock,
                     true)) {
            long now = v.clock.millis();
            Actor oper = new Actor("oper", "operacct", "host.example");
            v.store.add(new Entry(ListKind.BL, "fr.wikipedia", "Vandale Page", "oper (operacct)", "spam", now,
                    Entry.NEVER, Entry.Source.OPERATOR), oper);
            v.store.add(new Entry(ListKind.BNU, Entry.GLOBAL, "casino", "oper", "pub", now, Entry.NEVER,
                    Entry.Source.OPERATOR), oper);
            v.store.add(new Entry(ListKind.BNU, "fr.wikipedia", "/poker[0-9]+/", "oper", "jeux", now, Entry.NEVER,
                    Entry.Source.OPERATOR), oper);
            v.store.add(new Entry(ListKind.ACLO, Entry.GLOBAL, "secretop", "oper", "", now, Entry.NEVER,
                    Entry.Source.OPERATOR), oper);
            v.store.remove(ListKind.BL, "fr.wikipedia", "Vandale Page", oper);
            v.store.add(new Entry(ListKind.BL, Entry.GLOBAL, "Vandale Page", "oper (operacct)", "encore", now,
                    Entry.NEVER, Entry.Source.OPERATOR), oper);

            String exact = get(web, "/lists?q=Vandale+Page");
            assertTrue(exact.startsWith("200\n"), exact);
            assertTrue(exact.contains("encore"), exact);
            // the whole history of the item: added on fr.wikipedia, removed, added globally
            assertTrue(exact.contains("<td>removed</td>"), exact);
            assertEquals(3, exact.split("<tr class=\"audit-row\"><td>", -1).length - 1 - 1, exact);  // 1 in the entry's
            String words = get(web, "/lists?q=Roi+du+Casino");
            assertTrue(words.contains("<td class=\"item\">casino</td>"), words);
            assertTrue(words.contains("<td class=\"matched\">Casino</td>"), words);
            String regex = get(web, "/lists?q=Poker123+fan&wiki=fr.wikipedia");
            assertTrue(regex.contains("/poker[0-9]+/"), regex);
            assertTrue(regex.contains("casino") == false, "only what matches");
            v.store.add(new Entry(ListKind.BNU, Entry.GLOBAL, "roi", "oper", "titre", now, Entry.NEVER,
                    Entry.Source.OPERATOR), oper);
            String all = get(web, "/lists?q=Roi+du+Casino+Poker7");
            for (String word : List.of("<td class=\"item\">casino</td>", "<td class=\"item\">roi</td>",
                    "<td class=\"item\">/poker[0-9]+/</td>")) {
                assertTrue(all.contains(word), "every word entry that matches, on every wiki: " + word + "\n" + all);
            }
            String operator = get(web, "/lists?q=secretop");
            assertTrue(operator.contains("secretop is on no list."), operator);
            assertFalse(operator.contains("<td>added</td>"), "the operators' list has no history here: " + operator);

            assertEquals("503\nno feed running\n", get(web, "/healthz"));
            for (String path : List.of("/", "/lists?q=VigieAccount", "/status", "/status.json", "/metrics",
                    "/healthz")) {
                String page = get(web, path);
                assertFalse(page.contains(SASL_PASSWORD), path);
                assertFalse(page.contains(SERVER_PASSWORD), path);
            }
            String status = get(web, "/status");
            assertTrue(status.contains("No feed is running."), status);
            assertTrue(status.matches("(?s).*Database size</dt><dd>\\d+ KiB.*"), status);
        }
    }

    @Test
    void aTakenPortLeavesThePagesOffAndThePatrolRunning() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"));
             java.net.ServerSocket nobody = new java.net.ServerSocket(0, 1,
                     java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(nobody.getLocalPort());   // IRC: accepts, never answers; nothing leaves
            BotConfig c = config().with("web.port", Integer.toString(taken.getLocalPort()), "irc.port", port,
                    "irc.tls", "false", "irc.sasl.user", "", "irc.sasl.password", "", "irc.password", "",
                    "feed.host", "127.0.0.1", "feed.port", port);
            try (Vigie v = new Vigie(c, Clock.systemUTC())) {
                v.start();
                assertEquals(null, v.webAddress());
                assertTrue(v.engine.offer(org.vigie.patrol.Changes.edit("Page", "192.0.2.1", 5).build()));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (v.engine.changes() == 0) {
                    assertTrue(System.nanoTime() < deadline, "the engine runs without its pages");
                    Thread.sleep(10);
                }
            }
        }
    }

    @Test
    void databaseSizeIsReadForAFileDatabaseOnly() {
        assertEquals(-1, org.vigie.web.VigieWeb.databaseBytes("jdbc:h2:tcp://host:9092/vigie"));
        assertEquals(-1, org.vigie.web.VigieWeb.databaseBytes("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"));
        assertEquals(-1, org.vigie.web.VigieWeb.databaseBytes("jdbc:h2:file:" + tmp.resolve("none") + ";WRITE_DELAY=0"));
    }
}
