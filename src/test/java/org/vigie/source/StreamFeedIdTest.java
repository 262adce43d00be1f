package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.feed.RcEvent;

/**
 * An event id the server sends is sent back as {@code Last-Event-ID} on the next connection. An id that cannot be an
 * HTTP header value (a non-ASCII character, a control character) must not keep the feed from coming back: before the
 * fix OkHttp refused the header, the control thread's task died with it, and the feed stayed down for good.
 */
class StreamFeedIdTest {

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

    private static MockResponse stream(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream; charset=utf-8").body(body).build();
    }

    private static String event(String id, String title) {
        return "event: message\nid: " + id + "\ndata: {\"meta\":{\"id\":\"" + title + "-id\"},\"type\":\"edit\","
                + "\"title\":\"" + title + "\",\"server_name\":\"fr.wikipedia.org\",\"user\":\"X\"}\n\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "[{\"topic\":\"eqiad.é\",\"offset\":1}]", "[{\"offset\":1}]\u0001", "\u007f"})
    void anIdThatCannotBeAHeaderDoesNotStopTheReconnect(String id) throws Exception {
        server.enqueue(stream(":ok\n\n" + event(id, "Avant")));
        server.enqueue(stream(":ok\n\n" + event("[{\"offset\":2}]", "Apres")));
        feed = StreamFeed.builder("Vigie/test (User:Tester)", StreamFeedTest::decode)
                .url(server.url("/v2/stream/recentchange").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(5))
                .watchdog(Duration.ofSeconds(30))
                .build();
        feed.start(received::add);
        RcEvent first = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "the first event");
        assertEquals("Avant", first.title());
        RcEvent second = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(second, "no reconnect after an event id that is no header value: " + feed.stats());
        assertEquals("Apres", second.title());
        server.takeRequest();
        RecordedRequest again = server.takeRequest();
        // sent back verbatim when it can be; else the feed resumes from the live position rather than never again
        assertEquals(StreamFeed.isHeaderValue(id) ? id : null, again.getHeaders().get("Last-Event-ID"));
    }
}
