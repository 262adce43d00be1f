package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13.9: without TLS, the SASL and server passwords are not sent unless irc.allow-plaintext-auth=true. */
class PlaintextAuthAbuseTest {

    private static final String CAPS = "sasl multi-prefix account-notify extended-join";

    @Test
    void withoutTlsNoCredentialIsSentAndOneLineSaysWhy(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> lines;
        try (AbuseNet net = AbuseNet.startWithCaps(dir, CAPS, "irc.sasl.user", "VigieAccount",
                "irc.sasl.password", "hunter2-sasl", "irc.password", "hunter2-pass")) {
            lines = net.net.lines();
        } finally {
            System.setErr(err);
        }
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("PASS") || l.startsWith("AUTHENTICATE")), lines::toString);
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> warnings = log.lines().filter(l -> l.contains("irc.allow-plaintext-auth")).toList();
        assertEquals(1, warnings.size(), log);
        assertTrue(warnings.get(0).contains("NOT sent"), warnings.get(0));
        assertFalse(log.contains("hunter2"), log);
    }

    @Test
    void allowedExplicitlyTheyAreSent(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.startWithCaps(dir, CAPS, "irc.sasl.user", "VigieAccount",
                "irc.sasl.password", "hunter2-sasl", "irc.password", "hunter2-pass",
                "irc.allow-plaintext-auth", "true")) {
            List<String> lines = net.net.lines();
            assertEquals("PASS hunter2-pass", lines.get(0));
            assertTrue(lines.contains("AUTHENTICATE PLAIN"), lines::toString);
        }
    }
}
