package org.vigie.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.store.Actor;
import org.vigie.store.Database;
import org.vigie.testutil.Await;

/** Delivery of a hook's queue against a real HTTP server: payloads, retries, drops, rate limits. */
class HookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor OWNER = new Actor("owner", "OwnerAccount", "owner.example");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private Database db;
    private Hooks hooks;

    @AfterEach
    void close() {
        if (hooks != null) {
            hooks.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Hooks start(HookFormat format, Hooks.Settings settings, Clock clock) {
        db = HookFixture.open(dir);
        hooks = new Hooks(HookFixture.store(db), clock, settings);
        hooks.start();
        hooks.add(new Hook("h", server.url("/api/webhooks/1/secret-token").toString(), format), OWNER);
        return hooks;
    }

    private static Hooks.Settings fast() {
        return Hooks.Settings.DEFAULT.withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    private HookStats stats() {
        return hooks.stats().get(0);
    }

    private JsonNode body(RecordedRequest r) throws Exception {
        return JSON.readTree(r.getBody().utf8());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertTrue(r != null, "no request came");
        return r;
    }

    /** Before: the client (TLS stack, the system's CA certificates) was built at start, webhooks or not. */
    @Test
    void theHttpClientIsBuiltOnlyWhenAHookIsThereAndThenDelivers() throws Exception {
        server.enqueue(status(204));
        db = HookFixture.open(dir);
        hooks = new Hooks(HookFixture.store(db), Clock.systemUTC(), fast());
        hooks.start();
        assertFalse(hooks.httpClientBuilt(), "no webhook: no HTTP client");
        hooks.add(new Hook("h", server.url("/api/webhooks/1/secret-token").toString(), HookFormat.DISCORD), OWNER);
        assertTrue(hooks.httpClientBuilt());
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        Await.until("sent", Duration.ofSeconds(10), () -> stats().sent() == 1);
        assertEquals("POST", take().getMethod());
    }

    @Test
    void discordBatchesAsTheExecuteWebhookEndpointDocuments() throws Exception {
        for (int i = 0; i < 12; i++) {
            server.enqueue(status(204));
        }
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        for (int i = 0; i < 12; i++) {
            hooks.send(HookFixture.alert("h", i), HookFixture.verdict(i));
        }
        Await.until("12 sent", Duration.ofSeconds(10), () -> stats().sent() == 12);
        List<String> titles = new ArrayList<>();
        while (titles.size() < 12) {
            RecordedRequest r = take();
            assertEquals("POST", r.getMethod());
            assertEquals("/api/webhooks/1/secret-token", r.getUrl().encodedPath());
            assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
            JsonNode b = body(r);
            String content = b.get("content").asText();
            assertTrue(content.length() <= 2000, "content within 2,000 characters");
            assertFalse(content.contains("\u0003"), "no IRC colour code in " + content);
            assertTrue(b.get("embeds").size() >= 1 && b.get("embeds").size() <= 10, "1 to 10 embeds");
            assertTrue(b.get("allowed_mentions").get("parse").isEmpty(), "no mention can ping");
            for (JsonNode e : b.get("embeds")) {
                titles.add(e.get("title").asText());
                assertTrue(e.get("url").asText().startsWith("https://fr.wikipedia.org/"), e.toString());
                Map<String, String> fields = new java.util.HashMap<>();
                e.get("fields").forEach(f -> fields.put(f.get("name").asText(), f.get("value").asText()));
                assertEquals("fr.wikipedia", fields.get("wiki"));
                assertEquals("Vandal <b> & co", fields.get("user"));
                assertEquals("black, bigremove", fields.get("events"));
                assertTrue(Instant.parse(e.get("timestamp").asText()).toEpochMilli() > 0);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add("Page " + i);
        }
        assertEquals(expected, titles, "every alert once, in order");
        assertEquals(0, stats().queued());
    }

    @Test
    void slackCarriesEscapedTextAndSectionBlocks() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        start(HookFormat.SLACK, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 7), HookFixture.verdict(7));
        JsonNode b = body(take());
        assertEquals("Blacklisted [[Page 7]] by Vandal", b.get("text").asText());
        JsonNode section = b.get("blocks").get(0);
        assertEquals("section", section.get("type").asText());
        assertEquals("mrkdwn", section.get("text").get("type").asText());
        List<String> fields = new ArrayList<>();
        section.get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertTrue(fields.contains("*user*\nVandal &lt;b&gt; &amp; co"), fields::toString);
        assertTrue(fields.contains("*page*\nPage 7"), fields::toString);
        Await.until("sent", Duration.ofSeconds(5), () -> stats().sent() == 1);
    }

    @Test
    void jsonSendsTheReplayObject() throws Exception {
        server.enqueue(status(200));
        start(HookFormat.JSON, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 3), HookFixture.verdict(3));
        JsonNode b = body(take());
        assertEquals("fr.wikipedia", b.get("wiki").asText());
        assertEquals("Page 3", b.get("title").asText());
        assertEquals("black", b.get("editor").asText());
        assertEquals("black", b.get("events").get(0).asText());
        assertEquals(-900, b.get("size").asInt());
    }

    @Test
    void tooManyRequestsWaitsRetryAfterInSeconds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(status(204));
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        take();
        long first = System.nanoTime();
        RecordedRequest again = take();
        long gapMillis = (System.nanoTime() - first) / 1_000_000;
        assertTrue(gapMillis >= 900, "waited " + gapMillis + " ms, the server asked 1 s");
        assertEquals("Page 1", body(again).get("embeds").get(0).get("title").asText());
        Await.until("sent", Duration.ofSeconds(5), () -> stats().sent() == 1);
        assertEquals(1, stats().retried());
    }

    @Test
    void tooManyRequestsWaitsRetryAfterAsAnHttpDate() throws Exception {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).withNano(0));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", at).build());
        server.enqueue(status(204));
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        take();
        long first = System.nanoTime();
        take();
        long gapMillis = (System.nanoTime() - first) / 1_000_000;
        // the date has a resolution of one second: 3 s ahead is at least 2 s ahead
        assertTrue(gapMillis >= 1_900, "waited " + gapMillis + " ms, the server asked until " + at);
        Await.until("sent", Duration.ofSeconds(5), () -> stats().sent() == 1);
    }

    @Test
    void serverErrorThenSuccessDeliversOnce() throws Exception {
        server.enqueue(status(500));
        server.enqueue(status(204));
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 5), HookFixture.verdict(5));
        Await.until("sent", Duration.ofSeconds(10), () -> stats().sent() == 1);
        assertEquals(2, server.getRequestCount());
        assertEquals(1, stats().retried());
        assertEquals(0, stats().queued());
        assertEquals(Map.of(), stats().dropped());
    }

    @Test
    void notFoundIsDroppedAndCountedWithItsReason() throws Exception {
        server.enqueue(status(404));
        server.enqueue(status(204));
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        Await.until("dropped", Duration.ofSeconds(10), () -> stats().droppedTotal() == 1);
        assertEquals(Map.of("HTTP 404", 1L), stats().dropped());
        assertEquals(0, stats().sent());
        // the next alert goes through: the 404 cost only its own alert
        hooks.send(HookFixture.alert("h", 2), HookFixture.verdict(2));
        Await.until("sent", Duration.ofSeconds(10), () -> stats().sent() == 1);
        take();
        assertEquals("Page 2", body(take()).get("embeds").get(0).get("title").asText());
    }

    @Test
    void aBatchRefusedAsBadIsSentOneByOneSoThatOnlyTheBadOneIsDropped() throws Exception {
        server.enqueue(status(400));    // the batch of three
        server.enqueue(status(204));    // then one at a time
        server.enqueue(status(400));
        server.enqueue(status(204));
        db = HookFixture.open(dir);
        hooks = new Hooks(HookFixture.store(db), Clock.systemUTC(), fast());
        hooks.add(new Hook("h", server.url("/hook").toString(), HookFormat.DISCORD), OWNER);
        for (int i = 0; i < 3; i++) {
            hooks.send(HookFixture.alert("h", i), HookFixture.verdict(i));
        }
        hooks.start();      // the three are stored in one commit, so the first request carries all three
        Await.until("all handled", Duration.ofSeconds(10), () -> stats().sent() + stats().droppedTotal() == 3);
        assertEquals(3, body(take()).get("embeds").size());
        assertEquals("Page 0", body(take()).get("embeds").get(0).get("title").asText());
        assertEquals("Page 1", body(take()).get("embeds").get(0).get("title").asText());
        assertEquals("Page 2", body(take()).get("embeds").get(0).get("title").asText());
        assertEquals(2, stats().sent());
        assertEquals(Map.of("HTTP 400", 1L), stats().dropped());
    }

    @Test
    void discordBucketHeadersHoldTheNextRequestUntilTheBucketRefills() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).addHeader("X-RateLimit-Limit", "5")
                .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Reset-After", "1.2")
                .addHeader("X-RateLimit-Bucket", "abcd").build());
        server.enqueue(status(204));
        start(HookFormat.DISCORD, fast(), Clock.systemUTC());
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        take();
        long first = System.nanoTime();
        Await.until("first sent", Duration.ofSeconds(5), () -> stats().sent() == 1);
        hooks.send(HookFixture.alert("h", 2), HookFixture.verdict(2));
        take();
        long gapMillis = (System.nanoTime() - first) / 1_000_000;
        assertTrue(gapMillis >= 1_100, "waited " + gapMillis + " ms for a bucket that refills in 1.2 s");
    }

    @Test
    void alertsOlderThanTheStaleAgeAreDroppedAndCountedNotSent() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public long millis() {
                return now.get();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        // the platform is down: the alert waits, and meanwhile it grows old
        for (int i = 0; i < 50; i++) {
            server.enqueue(status(503));
        }
        start(HookFormat.DISCORD, fast().withStale(Duration.ofMinutes(60)), clock);
        hooks.send(HookFixture.alert("h", 1), HookFixture.verdict(1));
        Await.until("a retry", Duration.ofSeconds(10), () -> stats().retried() >= 1);
        now.addAndGet(Duration.ofMinutes(61).toMillis());
        Await.until("stale drop", Duration.ofSeconds(10), () -> stats().dropped().getOrDefault("stale", 0L) == 1);
        assertEquals(0, stats().sent());
        assertEquals(0, stats().queued());
    }

    @Test
    void theUrlIsNeverShownOnlyItsHostAndLastCharacters() {
        Hook h = new Hook("fr-discord", "https://discord.com/api/webhooks/123/abcdefghXY9z", HookFormat.DISCORD);
        assertEquals("discord.com …XY9z", h.redactedUrl());
        assertFalse(h.toString().contains("abcdefgh"), h.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Hook("x", "http://example.org/secret-path", HookFormat.JSON));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
