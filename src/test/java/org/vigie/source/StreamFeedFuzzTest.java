package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.testutil.Reliability;

/**
 * Damaged Server-Sent Events streams, one a connection: odd ids, {@code retry:} values, unknown fields, events split by
 * CR alone, truncated or huge data lines, bytes that are not UTF-8. After each, the server sends one good event: the
 * feed must come back and deliver it. 40 streams, 400 with -Preliability; prints its figure.
 */
class StreamFeedFuzzTest {

    private static final List<String> FIELDS = List.of("id: ", "id:", "event: ", "event: message", "retry: ", "data: ",
            "data:", ": comment", "", "\u0000", "retry: -1", "retry: 99999999999999999999", "id: \u0000",
            "id: [{\"offset\":1}]é", "event: \u00e9", "data: {", "data: {\"meta\":", "data: \"\\u0000\"");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<RcEvent> received = new LinkedBlockingQueue<>();
    private StreamFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    private static String good(int n) {
        return "event: message\nid: [{\"offset\":" + n + "}]\ndata: {\"meta\":{\"id\":\"good-" + n + "\"},"
                + "\"type\":\"edit\",\"title\":\"Good" + n + "\",\"server_name\":\"fr.wikipedia.org\",\"user\":\"X\"}\n\n";
    }

    private static byte[] damaged(SplittableRandom r) {
        StringBuilder b = new StringBuilder(r.nextBoolean() ? ":ok\n\n" : "");
        for (int k = 1 + r.nextInt(12); k > 0; k--) {
            String f = FIELDS.get(r.nextInt(FIELDS.size()));
            b.append(f);
            int w = r.nextInt(6);
            if (w == 0) {
                b.append("x".repeat(r.nextInt(200_000)));
            } else if (w == 1) {
                for (int i = r.nextInt(20); i > 0; i--) {
                    b.append((char) r.nextInt(0x10000));
                }
            }
            b.append(switch (r.nextInt(4)) {
                case 0 -> "\r";
                case 1 -> "\r\n";
                default -> "\n";
            });
        }
        byte[] text = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (r.nextInt(3) == 0 && text.length > 0) {
            text[r.nextInt(text.length)] = (byte) (0x80 + r.nextInt(0x80));   // a byte that breaks UTF-8
        }
        return text;
    }

    @Test
    void afterEachDamagedStreamTheFeedComesBackAndDeliversTheNextGoodEvent() throws Exception {
        int streams = Reliability.size(40, 400);
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < streams; i++) {
            // the blank line ends whatever event the damage left open (SSE: its data is then dispatched, and skipped)
            okio.Buffer body = new okio.Buffer().write(damaged(r)).writeUtf8("\n\n" + good(i));
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .body(body).build());
        }
        feed = StreamFeed.builder("Vigie/test (User:Tester)", StreamFeedTest::decode)
                .url(server.url("/v2/stream/recentchange").toString())
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5))
                .watchdog(Duration.ofSeconds(30))
                .build();
        feed.start(received::add);
        int good = 0;
        while (good < streams) {
            RcEvent e = received.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                fail("seed " + seed + ": the feed stopped after " + good + " of " + streams + " damaged streams: "
                        + feed.stats() + " " + feed.counters());
            }
            if (e.title().startsWith("Good")) {
                assertEquals("Good" + good, e.title(), "seed " + seed);
                good++;
            }
        }
        System.out.printf("reliability: EventStreams: %d damaged streams (seed %d), the feed came back after each: "
                + "%s%n", streams, seed, feed.stats());
    }
}
