package org.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;

/**
 * The two guards of a web server on the operator's own machine: another site's host name (DNS rebinding) is refused,
 * and clients that never finish their request cannot hold the page threads. Raw sockets: the JDK's HTTP client does
 * not let a test choose the Host header or stop in the middle of one.
 */
class WebGuardsTest {

    private LiveAlerts alerts;
    private WebServer web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    private WebServer start(int viewers) throws IOException {
        alerts = new LiveAlerts(Clock.systemUTC(), viewers);
        web = new WebServer("127.0.0.1", 0, "", Templates.loadResource("en"), new WebServerTest.FixedSource(), alerts,
                Clock.systemUTC(), false);
        return web;
    }

    /** Sends one request with the Host given and returns the whole answer (status line, headers, body). */
    private String get(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", web.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void hostNamesThatAreNotThisMachinesAreRefused() throws Exception {
        start(5);
        int port = web.port();
        assertTrue(get("/healthz", "127.0.0.1:" + port).startsWith("HTTP/1.1 200"));
        assertTrue(get("/healthz", "localhost:" + port).startsWith("HTTP/1.1 200"));
        assertTrue(get("/healthz", "[::1]:" + port).startsWith("HTTP/1.1 200"));
        String refused = get("/lists?q=Foo", "attacker.example:" + port);
        assertTrue(refused.startsWith("HTTP/1.1 421"), refused);
        assertTrue(refused.contains("web.hosts"), "the answer says what to do: " + refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy"),
                "the refusal carries the same headers");
        assertTrue(get("/status.json", "vigie.example.org").startsWith("HTTP/1.1 421"));

        web.allowHosts(List.of(" Vigie.Example.org ", ""));
        assertTrue(get("/healthz", "vigie.example.org").startsWith("HTTP/1.1 200"), "a name in web.hosts is served");
        assertTrue(get("/healthz", "VIGIE.example.ORG.:443").startsWith("HTTP/1.1 200"), "case and root dot ignored");
        assertTrue(get("/healthz", "other.example.org").startsWith("HTTP/1.1 421"));
    }

    @Test
    void hostHeaderForms() throws Exception {
        start(1);
        for (String ok : List.of("127.0.0.1", "127.0.0.1:8080", "192.0.2.10", "localhost", "LOCALHOST:80", "[::1]",
                "[::1]:8080", "[2001:db8::1]")) {
            assertTrue(web.hostAllowed(ok), ok);
        }
        assertTrue(web.hostAllowed(null), "HTTP/1.0 without Host");
        for (String bad : List.of("evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "256.1.1.1",
                "1.2.3", "[::1", "[]", "[evil]", "", "0x7f.0.0.1", "1.2.3.4.5")) {
            assertFalse(web.hostAllowed(bad), bad);
        }
        web.allowHosts(Set.of("vigie.example.org"));
        assertTrue(web.hostAllowed("vigie.example.org:8443"));
        assertFalse(web.hostAllowed("example.org"));
    }

    @Test
    void clientsThatNeverFinishTheirRequestAreCutAndThePagesAnswerAgain() throws Exception {
        start(1);                                  // 1 viewer + 8 page threads
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {         // more than the threads: each holds one while it reads headers
                Socket s = new Socket("127.0.0.1", web.port());
                s.getOutputStream().write(("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long t0 = System.nanoTime();
            long deadline = t0 + 30_000_000_000L;
            int closed = 0;
            for (Socket s : slow) {
                s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                InputStream in = s.getInputStream();
                try {
                    int b;
                    do {
                        b = in.read();
                    } while (b >= 0);
                    closed++;
                } catch (SocketTimeoutException stillOpen) {
                    // counted as not closed
                } catch (IOException reset) {
                    closed++;
                }
            }
            long cut = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(slow.size(), closed, "every client that never finished its request was cut by the server");
            String answer = get("/healthz", "127.0.0.1");
            assertTrue(answer.startsWith("HTTP/1.1 200"), "the threads they held answer pages again: " + answer);
            System.out.printf("web: %d clients that never finished their request were cut after %d ms (limit %d s); "
                    + "the pages answer again%n", closed, cut, WebServer.MAX_REQUEST_SECONDS);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
