package org.vigie.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiftWingTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final AtomicLong now = new AtomicLong(1_441_065_600_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private LiftWing lw;

    private LiftWing liftWing(int concurrency, Duration timeout, int perMinute) {
        lw = new LiftWing(new LiftWing.Options(server.url("/models/revertrisk-language-agnostic:predict").toString(),
                concurrency, timeout, perMinute, 100), "Vigie/test (User:Tester)", clock);
        return lw;
    }

    @AfterEach
    void close() {
        if (lw != null) {
            lw.close();
        }
    }

    /** The documented example answer (fixtures/liftwing, from the model's OpenAPI description). */
    private static String documentedAnswer(int index) throws Exception {
        JsonNode all = new ObjectMapper().readTree(Files.readString(Path.of(System.getProperty("vigie.shared",
                "../shared"), "fixtures", "liftwing", "liftwing_openapi_examples.json")));
        return all.path("revertrisk-language-agnostic").path("response_examples").path(index).toString();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private static Throwable failure(CompletableFuture<Double> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected no answer");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future never completed");
        }
    }

    @Test
    void asksForOneRevisionAndReadsTheProbabilityOfARevertOnce() throws Exception {
        LiftWing w = liftWing(2, Duration.ofSeconds(5), 100);
        server.enqueue(json(documentedAnswer(0)));
        assertEquals(0.3403553068637848, w.revertRisk("fr.wikipedia", 123456789L).get(10, TimeUnit.SECONDS));
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", r.getMethod());
        assertEquals("{\"rev_id\":123456789,\"lang\":\"fr\"}", r.getBody().utf8());
        assertEquals("Vigie/test (User:Tester)", r.getHeaders().get("User-Agent"));
        // cached per revision: no second request
        assertEquals(0.3403553068637848, w.revertRisk("fr.wikipedia", 123456789L).get(10, TimeUnit.SECONDS));
        assertEquals(1, server.getRequestCount());
        assertEquals(1, w.cacheHits());
        // the batch form of the answer is read too
        server.enqueue(json(documentedAnswer(1)));
        assertEquals(0.3403553068637848, w.revertRisk("en.wikipedia", 5L).get(10, TimeUnit.SECONDS));
    }

    @Test
    void onlyWikipediaRevisionsAreAskedAbout() throws Exception {
        LiftWing w = liftWing(2, Duration.ofSeconds(5), 100);
        assertInstanceOf(LiftWing.Unavailable.class, failure(w.revertRisk("commons.wikimedia", 5)));
        assertInstanceOf(LiftWing.Unavailable.class, failure(w.revertRisk("fr.wikipedia", 0)));
        assertEquals("fr", LiftWing.language("fr.wikipedia"));
        assertNull(LiftWing.language("fr.wiktionary"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aSlowServerIsCutAtTheTimeout() throws Exception {
        LiftWing w = liftWing(2, Duration.ofMillis(300), 100);
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
        long t0 = System.nanoTime();
        Throwable t = failure(w.revertRisk("fr.wikipedia", 7));
        assertInstanceOf(LiftWing.Unavailable.class, t);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4), "cut well before the server answered");
        assertEquals(1, w.failures());
        assertEquals(0, w.inFlight());
    }

    @Test
    void aFailingServerOrAnUnreadableAnswerGivesNoProbabilityAndIsAskedAgainLater() throws Exception {
        LiftWing w = liftWing(2, Duration.ofSeconds(5), 100);
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        assertEquals("HTTP 500", failure(w.revertRisk("fr.wikipedia", 8)).getMessage());
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":\"x\"}}}"));
        assertEquals("no probability in the answer", failure(w.revertRisk("fr.wikipedia", 8)).getMessage());
        server.enqueue(json("not json"));
        assertEquals("unreadable answer", failure(w.revertRisk("fr.wikipedia", 8)).getMessage());
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":0.9}}}"));
        assertEquals(0.9, w.revertRisk("fr.wikipedia", 8).get(10, TimeUnit.SECONDS), "failures are not cached");
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void aRateLimitingServerIsLeftAloneUntilItsRetryAfter() throws Exception {
        LiftWing w = liftWing(2, Duration.ofSeconds(5), 100);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").body("slow down").build());
        assertEquals("HTTP 429", failure(w.revertRisk("fr.wikipedia", 9)).getMessage());
        assertEquals("rate-limited by Lift Wing", failure(w.revertRisk("fr.wikipedia", 10)).getMessage());
        assertEquals(1, server.getRequestCount(), "nothing asked during the pause");
        now.addAndGet(31_000);
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":0.2}}}"));
        assertEquals(0.2, w.revertRisk("fr.wikipedia", 10).get(10, TimeUnit.SECONDS));
    }

    @Test
    void theBudgetPerMinuteIsKept() throws Exception {
        LiftWing w = liftWing(4, Duration.ofSeconds(5), 2);
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":0.1}}}"));
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":0.2}}}"));
        assertEquals(0.1, w.revertRisk("fr.wikipedia", 1).get(10, TimeUnit.SECONDS));
        assertEquals(0.2, w.revertRisk("fr.wikipedia", 2).get(10, TimeUnit.SECONDS));
        assertEquals("budget of 2 requests a minute spent", failure(w.revertRisk("fr.wikipedia", 3)).getMessage());
        assertEquals(1, w.refused());
        now.addAndGet(60_000);
        server.enqueue(json("{\"output\":{\"probabilities\":{\"true\":0.3}}}"));
        assertEquals(0.3, w.revertRisk("fr.wikipedia", 3).get(10, TimeUnit.SECONDS), "a new minute, a new budget");
    }

    @Test
    void requestsInFlightAreBoundedAndTheRestRefusedNotQueued() throws Exception {
        LiftWing w = liftWing(1, Duration.ofSeconds(5), 100);
        server.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS)
                .body("{\"output\":{\"probabilities\":{\"true\":0.5}}}").build());
        CompletableFuture<Double> first = w.revertRisk("fr.wikipedia", 1);
        assertEquals("all 1 requests in flight", failure(w.revertRisk("fr.wikipedia", 2)).getMessage());
        assertEquals(0.5, first.get(10, TimeUnit.SECONDS));
        assertEquals(1, server.getRequestCount());
    }
}
