package org.vigie.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.feed.StreamParser;
import org.vigie.testutil.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class StreamFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UA = "Vigie/0.1.0 (User:Tester; recent-changes patrol bot)";
    private static final Path STREAMS = Path.of(System.getProperty("vigie.shared", "../shared"))
            .resolve("fixtures/eventstreams");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final Script script = new Script();
    private final BlockingQueue<RcEvent> received = new LinkedBlockingQueue<>();
    private final List<StreamFeed> feeds = new ArrayList<>();

    @AfterEach
    void closeFeeds() {
        feeds.forEach(StreamFeed::close);
    }

    // ------------------------------------------------------------------------------------------- fixtures

    /** One recorded event with the id the server would have sent with it. */
    record Sse(String id, JsonNode data) {
        String frame() {
            return "event: message\nid: " + id + "\ndata: " + data + "\n\n";
        }
    }

    /** The 12 consecutive events of 2024-04-26 (wikidata, en, es, pl.wiktionary, commons edits and an en delete). */
    private static List<Sse> consecutive() throws IOException {
        return jsonl("magadiflo_spring-boot-apache-kafka_2024-04-26.jsonl");
    }

    private static List<Sse> jsonl(String file) throws IOException {
        List<Sse> out = new ArrayList<>();
        for (String line : Files.readAllLines(STREAMS.resolve(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode data = JSON.readTree(line);
                out.add(new Sse(idOf(data), data));
            }
        }
        return out;
    }

    /** The id layout EventStreams sent with offset-based positions. */
    private static String idOf(JsonNode data) {
        JsonNode meta = data.get("meta");
        return "[{\"topic\":\"" + meta.get("topic").asText() + "\",\"partition\":" + meta.get("partition").asInt()
                + ",\"offset\":" + meta.get("offset").asLong()
                + "},{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,\"offset\":-1}]";
    }

    /** The one recorded raw SSE pair (id and data lines as the server sent them). */
    private static Sse recordedPair() throws IOException {
        List<String> lines = Files.readAllLines(STREAMS.resolve("DataPlumbHub_sse_id_data_2025-04-30.txt"),
                StandardCharsets.UTF_8);
        String id = lines.get(0).substring("id: ".length());
        return new Sse(id, JSON.readTree(lines.get(1).substring("data: ".length())));
    }

    private static String body(List<Sse> events) {
        StringBuilder sb = new StringBuilder(":ok\n\n");
        events.forEach(e -> sb.append(e.frame()));
        return sb.toString();
    }

    private static MockResponse stream(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream; charset=utf-8")
                .body(body).build();
    }

    /** A stream that opens and then says nothing. */
    private static MockResponse silent() {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream; charset=utf-8")
                .body(":ok\n\n").onResponseBody(SocketEffect.Stall.INSTANCE).build();
    }

    /** A decoder of our own (StreamParser lives in another branch): a few fields, categorize turned down. */
    static RcEvent decode(JsonNode j) {
        RcEvent.Kind kind = switch (j.path("type").asText()) {
            case "edit" -> RcEvent.Kind.EDIT;
            case "new" -> RcEvent.Kind.NEW;
            case "log" -> RcEvent.Kind.LOG;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        String server = j.path("server_name").asText();
        String wiki = server.endsWith(".org") ? server.substring(0, server.length() - 4) : server;
        return new RcEvent(wiki, kind, j.path("title").asText(), j.path("namespace").asInt(RcEvent.NS_UNKNOWN),
                j.path("user").asText(), j.path("minor").asBoolean(), j.path("bot").asBoolean(), false,
                RcEvent.NO_SIZE, j.path("revision").path("new").asLong(), j.path("revision").path("old").asLong(),
                j.path("id").asLong(), j.path("notify_url").asText(""), j.path("comment").asText(""), null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    // ------------------------------------------------------------------------------------------- harness

    /**
     * Serves scripted responses per run ({@code ?run=N}, one per feed instance), then a silent stream, so that a
     * reconnection never steals the response meant for the next step. Records every request with its arrival time.
     */
    static final class Script extends Dispatcher {
        record Seen(RecordedRequest request, long nanos) {
        }

        private final Map<String, Deque<MockResponse>> queues = new HashMap<>();
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        synchronized Script then(String run, MockResponse response) {
            queues.computeIfAbsent(run, r -> new ArrayDeque<>()).add(response);
            return this;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            seen.add(new Seen(request, System.nanoTime()));
            String run = String.valueOf(request.getUrl().queryParameter("run"));
            synchronized (this) {
                Deque<MockResponse> q = queues.get(run);
                return q == null || q.isEmpty() ? silent() : q.poll();
            }
        }

        List<RecordedRequest> requests(String run) {
            return seen.stream().map(Seen::request)
                    .filter(r -> run.equals(r.getUrl().queryParameter("run"))).toList();
        }
    }

    private StreamFeed.Builder feed(String run) {
        server.setDispatcher(script);
        return StreamFeed.builder(UA, StreamFeedTest::decode)
                .url(server.url("/v2/stream/recentchange?run=" + run).toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(5))
                .watchdog(Duration.ofSeconds(30));
    }

    private StreamFeed started(StreamFeed.Builder b) {
        StreamFeed f = b.build();
        feeds.add(f);
        f.start(received::add);
        return f;
    }

    private List<RcEvent> take(int n) throws InterruptedException {
        List<RcEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RcEvent e = received.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                fail("only " + out.size() + " of " + n + " events arrived: " + out);
            }
            out.add(e);
        }
        return out;
    }

    private static List<String> titles(List<RcEvent> events) {
        return events.stream().map(e -> e.wiki() + " " + e.title()).toList();
    }

    private static List<String> titlesOf(List<Sse> events) {
        return events.stream().map(e -> decode(e.data())).filter(e -> e != null)
                .map(e -> e.wiki() + " " + e.title()).toList();
    }

    // ------------------------------------------------------------------------------------------- tests

    @Test
    void recordedEventsOfWatchedWikisReachTheSinkInOrder() throws Exception {
        List<Sse> all = new ArrayList<>(consecutive());
        all.addAll(jsonl("wikimedia-sampler_WikiMediaClientSpec_2023-05-25.jsonl"));
        all.add(recordedPair());
        List<Sse> watched = all.stream().filter(e -> Set.of("en.wikipedia.org", "commons.wikimedia.org")
                .contains(e.data().get("server_name").asText())).toList();
        script.then("1", stream(body(all)));

        StreamFeed f = started(feed("1").wikis(Set.of("en.wikipedia", "commons.wikimedia")));
        List<RcEvent> got = take(watched.size());

        assertEquals(titlesOf(watched), titles(got));
        assertTrue(got.stream().anyMatch(e -> e.kind() == RcEvent.Kind.LOG && e.wiki().equals("en.wikipedia")),
                "the enwiki delete is among them");
        Await.until("all lines counted", () -> f.stats().lines() == all.size());
        Await.until("all delivered counted", () -> f.stats().parsed() == watched.size());
        Await.until("others filtered", () -> f.counters().filtered() == all.size() - watched.size());
        assertEquals(0, f.stats().skipped());
        RecordedRequest first = server.takeRequest();
        assertEquals("text/event-stream", first.getHeaders().get("Accept"));
        assertEquals(UA, first.getHeaders().get("User-Agent"));
        assertNull(first.getHeaders().get("Last-Event-ID"), "nothing to resume on a first start");
        assertTrue(f.stats().name().startsWith("eventstreams "), f.stats().name());
    }

    @Test
    void cutStreamIsResumedWithTheLastEventIdVerbatim() throws Exception {
        List<Sse> events = consecutive();
        // The first connection ends in the middle of an event: that half event must be neither delivered nor used.
        Sse half = events.get(5);
        String cut = body(events.subList(0, 5)) + "event: message\nid: " + half.id() + "\ndata: {\"$schema\":\"/medi";
        script.then("1", stream(cut)).then("1", stream(body(events.subList(5, 12))));

        StreamFeed f = started(feed("1"));
        List<RcEvent> got = take(12);

        assertEquals(titlesOf(events), titles(got));
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertNull(first.getHeaders().get("Last-Event-ID"));
        assertEquals(events.get(4).id(), second.getHeaders().get("Last-Event-ID"));
        assertEquals(UA, second.getHeaders().get("User-Agent"));
        assertTrue(f.stats().reconnects() >= 1);
    }

    @Test
    void eventsReplayedAfterAReconnectAreDroppedAsDuplicates() throws Exception {
        List<Sse> events = consecutive();
        // The server may replay a little before the position asked: events 3 and 4 come twice.
        script.then("1", stream(body(events.subList(0, 5)))).then("1", stream(body(events.subList(3, 12))));

        StreamFeed f = started(feed("1"));
        List<RcEvent> got = take(12);

        assertEquals(titlesOf(events), titles(got));
        Await.until("duplicates counted", () -> f.counters().duplicates() == 2);
        // every one of the 14 lines is counted after the sink returned: nothing more can be on its way to it
        Await.until("14 lines, 12 delivered", () -> f.stats().lines() == 14 && f.stats().parsed() == 12);
        assertNull(received.poll(), "nothing delivered twice");
    }

    @Test
    void malformedEventsAreCountedAndSkippedWithoutEndingTheStream() throws Exception {
        List<Sse> events = consecutive();
        String body = ":ok\n\n"
                + events.get(0).frame()
                + "event: message\nid: [{\"offset\":1}]\ndata: {\"$schema\": \"/mediawiki/recentch\n\n"
                + "event: message\nid: [{\"offset\":2}]\ndata: {\"type\":\"edit\",\"server_name\":\"en.wikipedia.org\"}\n\n"
                + "event: message\nid: [{\"offset\":3}]\ndata: \n\n"
                + "event: message\nid: [{\"offset\":4}]\ndata: [1,2,3]\n\n"
                + events.get(1).frame();
        script.then("1", stream(body));

        StreamFeed f = started(feed("1"));
        List<RcEvent> got = take(2);

        assertEquals(titlesOf(events.subList(0, 2)), titles(got));
        Await.until("malformed events counted", () -> f.stats().skipped() == 4);
        Await.until("6 lines, 2 delivered", () -> f.stats().lines() == 6 && f.stats().parsed() == 2);
        assertEquals(events.get(1).id(), f.counters().lastEventId(), "malformed events do not stop the position");
    }

    @Test
    void decoderRefusalIsCountedAsIgnored() throws Exception {
        List<Sse> sampler = jsonl("wikimedia-sampler_WikiMediaClientSpec_2023-05-25.jsonl");
        assertEquals("categorize", sampler.get(0).data().get("type").asText());
        script.then("1", stream(body(sampler)));

        StreamFeed f = started(feed("1"));
        List<RcEvent> got = take(1);

        assertEquals("commons.wikimedia", got.get(0).wiki());
        assertEquals(RcEvent.Kind.LOG, got.get(0).kind());
        Await.until("categorize ignored", () -> f.counters().ignored() == 1);
        assertEquals(0, f.stats().skipped());
    }

    @Test
    void wikiFilterComparesServerNameWithoutDotOrg() throws Exception {
        List<Sse> events = consecutive();
        script.then("1", stream(body(events)));

        StreamFeed f = started(feed("1").wikis(Set.of("es.wikipedia", "pl.wiktionary.org")));
        List<Sse> expected = events.stream().filter(e -> Set.of("es.wikipedia.org", "pl.wiktionary.org")
                .contains(e.data().get("server_name").asText())).toList();
        assertFalse(expected.isEmpty());

        assertEquals(titlesOf(expected), titles(take(expected.size())));
        Await.until("rest filtered", () -> f.counters().filtered() == events.size() - expected.size());
    }

    @Test
    void positionIsSavedAndUsedAfterARestart() throws Exception {
        List<Sse> events = consecutive();
        AtomicReference<String> stored = new AtomicReference<>();
        List<String> saves = new CopyOnWriteArrayList<>();
        StreamFeed.Cursor cursor = new StreamFeed.Cursor() {
            @Override
            public String load() {
                return stored.get();
            }

            @Override
            public void save(String id) {
                saves.add(id);
                stored.set(id);
            }
        };
        script.then("1", stream(body(events.subList(0, 5)) + ": the stream goes quiet\n\n"));
        script.then("2", stream(body(events.subList(5, 12))));

        StreamFeed first = started(feed("1").cursor(cursor).saveEvery(1_000, Duration.ofMinutes(10)));
        take(5);
        Await.until("first run reconnected", () -> script.requests("1").size() >= 2);
        assertTrue(saves.isEmpty(), "fewer events than the save interval: nothing saved yet");
        first.close();
        assertEquals(events.get(4).id(), stored.get(), "saved on close");

        StreamFeed second = started(feed("2").cursor(cursor));
        List<RcEvent> got = take(7);

        assertEquals(titlesOf(events.subList(5, 12)), titles(got));
        RecordedRequest resumed = script.requests("2").get(0);
        assertEquals(events.get(4).id(), resumed.getHeaders().get("Last-Event-ID"));
        assertNotNull(second.counters().lastEventId());
    }

    @Test
    void positionIsSavedEveryNEventsWhileRunning() throws Exception {
        List<Sse> events = consecutive();
        List<String> saves = new CopyOnWriteArrayList<>();
        StreamFeed.Cursor cursor = new StreamFeed.Cursor() {
            @Override
            public String load() {
                return null;
            }

            @Override
            public void save(String id) {
                saves.add(id);
            }
        };
        script.then("1", stream(body(events)));

        started(feed("1").cursor(cursor).saveEvery(4, Duration.ofMinutes(10)));
        take(12);

        // A save runs on the control thread and writes the newest position it sees, so its events are not exactly
        // every 4th when that thread lags (a save of event 10 and none after it is right): the contract is at most
        // one save per 4 events, in order, the last one at most 4 events behind.
        List<String> ids = events.stream().map(Sse::id).toList();
        Await.until("a position among the last 4 saved",
                () -> !saves.isEmpty() && ids.indexOf(saves.get(saves.size() - 1)) >= ids.size() - 4);
        assertTrue(saves.size() <= 3, "at most one save per 4 events: " + saves.size());
        int previous = -1;
        for (String saved : saves) {
            int at = ids.indexOf(saved);
            assertTrue(at > previous, "saved positions move forward: " + saves);
            previous = at;
        }
    }

    @Test
    void tooManyConnectionsIsRetriedNoSoonerThanRetryAfter() throws Exception {
        List<Sse> events = consecutive();
        script.then("1", new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("Too many concurrent connections from your IP").build());
        script.then("1", stream(body(events.subList(0, 3))));

        StreamFeed f = started(feed("1"));
        take(3);

        long gapMillis = (script.seen.get(1).nanos() - script.seen.get(0).nanos()) / 1_000_000;
        assertTrue(gapMillis >= 950, "reconnected after " + gapMillis + " ms");
        assertEquals(1, f.counters().failures());
    }

    @Test
    void watchdogReplacesASilentStream() throws Exception {
        List<Sse> events = consecutive();
        script.then("1", silent()).then("1", stream(body(events.subList(0, 2))));

        StreamFeed f = started(feed("1").watchdog(Duration.ofMillis(300)));
        List<RcEvent> got = take(2);

        assertEquals(titlesOf(events.subList(0, 2)), titles(got));
        assertTrue(f.stats().reconnects() >= 1);
    }

    @Test
    void resetForcesAReconnectThatResumes() throws Exception {
        List<Sse> events = consecutive();
        script.then("1", stream(body(events.subList(0, 2)) + ":\n\n"));

        StreamFeed f = started(feed("1"));
        take(2);
        Await.until("parked on a silent stream", () -> script.requests("1").size() == 2 && f.stats().connected());
        long before = f.stats().reconnects();

        f.reset();

        Await.until("a third connection", () -> script.requests("1").size() == 3);
        assertEquals(events.get(1).id(), script.requests("1").get(2).getHeaders().get("Last-Event-ID"));
        assertEquals(before + 1, f.stats().reconnects());
    }

    @Test
    void closedFeedStopsConnecting() throws Exception {
        script.then("1", stream(body(consecutive().subList(0, 1))));
        StreamFeed f = started(feed("1"));
        take(1);
        assertFalse(f.stopped(), "a running feed may connect again");
        f.close();
        // no waiting to see that nothing comes: once close returns, the only thread that opens streams has ended
        assertTrue(f.stopped(), "close ends the control thread, and with it every reconnection");
        assertFalse(f.stats().connected());
    }
}
