package org.vigie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.Vigie;
import org.vigie.config.BotConfig;
import org.vigie.source.StreamFeed;
import org.vigie.store.Audit;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * The whole bot in EventStreams mode: a mock EventStreams serving recorded events (plus one malformed and one repeated)
 * and a real IRC server. Alerts of the watched wikis reach the alert channel once each, other wikis are filtered, and
 * the stream position survives a restart: it is stored in H2 and sent back as {@code Last-Event-ID}.
 */
class EventStreamsEndToEndTest {

    private static final String ALERTS = "#vigie-alertes";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @StartStop
    private final MockWebServer stream = new MockWebServer();

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** The first connection gets the recorded events once the test says go; later ones an open, silent stream. */
    private static final class Script extends Dispatcher {
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicInteger served = new AtomicInteger();
        final String body;

        Script(String body) {
            this.body = body;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse.Builder r = new MockResponse.Builder()
                    .addHeader("Content-Type", "text/event-stream; charset=utf-8");
            if (served.getAndIncrement() == 0 && go.await(30, TimeUnit.SECONDS)) {
                return r.body(body).build();
            }
            return r.body(":ok\n\n").onResponseBody(SocketEffect.Stall.INSTANCE).build();
        }
    }

    private static String id(long offset) {
        return "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"offset\":" + offset
                + "},{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,\"offset\":-1}]";
    }

    private BotConfig config(NgircdServer irc, Path lists) {
        return BotConfig.defaults().with(
                "feed.source", "eventstreams",
                "feed.stream.url", stream.url("/v2/stream/recentchange").toString(),
                "feed.wikis", "es.wikipedia,wikidata.wikipedia",
                "irc.host", irc.host(),
                "irc.port", Integer.toString(irc.port()),
                "irc.tls", "false",
                "irc.nick", "Vigie",
                "irc.rate", "0",
                "irc.alerts", ALERTS,
                "wiki.api", "false", "web.port", "0",
                "lang", "en",
                "owner", "User:Tester",
                "lists.dir", lists.toString(),
                "commands.file", tmp.resolve("commands.properties").toString(),
                "db.url", "jdbc:h2:file:" + tmp.resolve("db/vigie") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void alertsOfWatchedWikisArriveOnceAndThePositionSurvivesARestart() throws Exception {
        // 12 consecutive events of 2024-04-26 (es, en, pl.wiktionary, commons, wikidata), then a malformed event, the
        // blacklisted IP's edit again (same meta.id: EventStreams repeats events), then three Wikidata edits of 2020.
        List<JsonNode> recorded = StreamFixtures.recorded();
        List<JsonNode> events = new ArrayList<>(recorded.subList(0, 12));
        JsonNode ipEdit = events.stream().filter(n -> n.path("user").asText().equals("187.131.36.75")).findFirst()
                .orElseThrow();
        StringBuilder body = new StringBuilder(":ok\n\n");
        long offset = 5_050_435_611L;
        for (JsonNode n : events) {
            body.append(StreamFixtures.sseFrame(id(offset++), n.toString()));
        }
        body.append(StreamFixtures.sseFrame(id(offset++), "{\"meta\":{\"id\":\"cut\"},\"type\":\"edit\",\"title\""));
        body.append(StreamFixtures.sseFrame(id(offset++), ipEdit.toString()));
        for (JsonNode n : recorded.subList(12, 15)) {
            body.append(StreamFixtures.sseFrame(id(offset++), n.toString()));
        }
        String lastId = id(offset - 1);
        Script script = new Script(body.toString());
        stream.setDispatcher(script);

        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("bl.txt"), "187.131.36.75 p=es.wikipedia r=IP à surveiller\n",
                StandardCharsets.UTF_8);
        Files.writeString(lists.resolve("cvp.txt"), "Q1216649 p=wikidata.wikipedia r=fusion surveillée\n"
                + "Category talk:Replaceable non-free use to be decided after 25 April 2024 p=en.wikipedia\n",
                StandardCharsets.UTF_8);

        NgircdServer irc = NgircdServer.start();
        toClose.add(irc);
        TestClient patroller = TestClient.connect(irc, "Patrouilleur");
        toClose.add(patroller);
        patroller.join(ALERTS);

        BotConfig cfg = config(irc, lists);
        Vigie first = new Vigie(cfg, Clock.systemUTC());
        try {
            first.start();
            patroller.awaitLine(l -> l.startsWith(":Vigie!") && l.contains(" JOIN ") && l.contains(ALERTS), WAIT);
            script.go.countDown();

            patroller.awaitMessage(m -> m.target().equalsIgnoreCase(ALERTS) && m.text().contains("Q1216649"), WAIT);
            List<String> alerts = patroller.messages().stream().filter(m -> m.target().equalsIgnoreCase(ALERTS))
                    .map(TestClient.Received::text).toList();
            assertEquals(1, alerts.stream().filter(a -> a.contains("187.131.36.75")).count(),
                    "the repeated event is dropped: " + alerts);
            assertTrue(alerts.stream().anyMatch(a -> a.contains("187.131.36.75") && a.contains("es.wikipedia")),
                    alerts.toString());
            assertTrue(alerts.stream().anyMatch(a -> a.contains("Q1216649") && a.contains("wikidata.wikipedia")),
                    "www.wikidata.org is watched as wikidata.wikipedia: " + alerts);
            assertTrue(alerts.stream().noneMatch(a -> a.contains("Category talk:Replaceable")),
                    "en.wikipedia is not watched: its delete is filtered although its page is on cvp");
            RecordedRequest opened = stream.takeRequest(5, TimeUnit.SECONDS);
            assertNotNull(opened);
            assertNull(opened.getHeaders().get("Last-Event-ID"), "nothing to resume on a first start");
            assertEquals("text/event-stream", opened.getHeaders().get("Accept"));
            assertTrue(opened.getHeaders().get("User-Agent").contains("User:Tester"));
            // The alert awaited above is not the stream's last event: close only once the feed has read them all, or
            // the position stored at close is rightly one or two events short of the last (a race that failed CI runs).
            StreamFeed feed = (StreamFeed) first.feed();
            Await.until(() -> "the feed reads up to " + lastId + ", at " + feed.counters().lastEventId(), WAIT,
                    () -> lastId.equals(feed.counters().lastEventId()));
        } finally {
            first.close();
        }

        try (Database db = Database.open(cfg.get("db.url"))) {
            assertEquals(lastId, new ConfigStore(db, new Audit(db, Clock.systemUTC())).get("stream.cursor"),
                    "the last event's id is stored");
        }

        int before = stream.getRequestCount();
        Vigie second = new Vigie(cfg, Clock.systemUTC());
        try {
            second.start();
            RecordedRequest resumed = null;
            // The first run's requests were taken up to the first; the restarted bot's is the one after them all.
            for (int taken = 1; taken <= before; taken++) {
                resumed = stream.takeRequest(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(resumed, "the restarted bot connects to the stream");
            }
            assertEquals(lastId, resumed.getHeaders().get("Last-Event-ID"), "the restarted bot resumes where it was");
        } finally {
            second.close();
        }
    }
}
