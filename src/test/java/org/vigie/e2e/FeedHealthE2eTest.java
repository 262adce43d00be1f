package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * /healthz on a running Vigie measures feed lines, not any input (issue 13, point 5): joined to its feed channel,
 * answering PINGs, but without a single line from the feed's sender, Vigie is not healthy; the first feed line makes
 * it so.
 */
class FeedHealthE2eTest extends LiveBotCase {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static int healthz(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void healthzIsDownUntilAFeedLineArrivesThoughTheConnectionIsBusy() throws Exception {
        int port = freePort();
        bot = LiveBot.start(dir, "web.port", Integer.toString(port), "feed.watchdog", "600");
        // connected, joined, the server talked (JOIN, NAMES): none of that is the feed
        assertEquals(503, healthz(port), "no line from the feed's sender yet");
        long marker = bot.marker();
        bot.awaitAlert(marker);
        assertEquals(200, healthz(port), "a feed line was read just now");
    }
}
