package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigie.testutil.Await;

/**
 * A newcomer's first start without a network (issue 9, point 11): a failed connection is one log line saying what
 * went wrong in words and when the next try is (the delay has jitter: between half the backoff and all of it), never a
 * Java stack trace from the IRC library.
 */
class ConnectionFailureLogTest {

    /** What the connection logs (slf4j-simple writes to System.err) until a line contains {@code needle}. */
    private static String logUntil(ConnectionSettings settings, String needle) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        IrcConnection c = new IrcConnection(settings, new RecordingHandler());
        System.setErr(capture);
        try {
            c.start();
            Await.until("a log line with " + needle, () -> buffer.toString(StandardCharsets.UTF_8).contains(needle));
        } finally {
            c.close("");
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void assertOneLinePerFailure(String log, String expected) {
        assertTrue(java.util.regex.Pattern.compile(expected).matcher(log).find(), expected + " in:\n" + log);
        assertFalse(log.contains("\tat ") || log.contains("Exception encountered"), "a stack trace was logged:\n" + log);
        assertFalse(log.contains("java.net."), "the exception's class instead of words:\n" + log);
    }

    @Test
    void anUnknownHostIsOneLineSayingSoAndWhenTheNextTryIs() throws Exception {
        String log = logUntil(ConnectionSettings.of("feed", "irc.example.invalid", 6667, "vigie-feed")
                .withReconnect(30_000, 60_000), "retrying in");
        assertOneLinePerFailure(log,
                "WARN IrcConnection - feed: irc\\.example\\.invalid: unknown host; retrying in (1[5-9]|2[0-9]|30) s\\n");
    }

    @Test
    void aRefusedConnectionIsOneLineToo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();    // closed again: nobody listens there now
        }
        String log = logUntil(ConnectionSettings.of("network", "127.0.0.1", port, "Vigie").withReconnect(2_000, 4_000),
                "retrying in");
        assertOneLinePerFailure(log,
                "WARN IrcConnection - network: 127\\.0\\.0\\.1: connection refused; retrying in [12] s\\n");
    }
}
