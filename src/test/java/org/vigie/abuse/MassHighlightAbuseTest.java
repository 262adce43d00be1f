package org.vigie.abuse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.alert.AlertFormatter;

/**
 * Abuse case 6 (issue 13.6): a title, summary and user name made of the nicks present in the alert channel highlight
 * nobody (a zero-width space breaks each, links stay usable), and titles and names are bounded.
 */
class MassHighlightAbuseTest {

    private static final String BOSS_HOST = "boss.example.org";
    private static final String[] PRESENT = {"Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus"};

    @Test
    void anAlertMadeOfTheNicksPresentHighlightsNobody(@TempDir Path dir) throws Exception {
        try (AbuseNet net = AbuseNet.start(dir)) {
            net.join("Boss", BOSS_HOST, AbuseNet.CONTROL, null);
            net.op("Boss", AbuseNet.CONTROL);
            for (String n : PRESENT) {
                net.join(n, n.toLowerCase() + ".example.org", AbuseNet.ALERTS, null);
            }
            int m = net.mark();
            net.say("Boss", BOSS_HOST, AbuseNet.CONTROL, "Vigie bl add Gus");
            net.await(m, AbuseNet.CONTROL, t -> t.contains("Gus"));
            String all = String.join(" ", PRESENT);
            long d = net.edit(all, "Gus", all + ": " + all);
            String alert = net.await(m, AbuseNet.ALERTS, t -> t.contains("diff=" + d + "&"));
            int hits = 0;
            for (String n : PRESENT) {
                if (wholeWord(alert, n)) {
                    hits++;
                }
            }
            System.out.println("[abuse 6] nicks present highlighted by an alert made of them: " + hits + " of "
                    + PRESENT.length);
            assertTrue(alert.contains("A\u200Bnn B\u200Ben"), alert);
            assertTrue(alert.contains("Contributions/%47us"), "the link is broken by percent-encoding: " + alert);
            for (String n : PRESENT) {
                assertFalse(wholeWord(alert, n), n + " would be highlighted: " + alert);
            }

            String longTitle = "T" + "x".repeat(300);
            long d2 = net.edit(longTitle, "Gus", "long");
            String second = net.await(m, AbuseNet.ALERTS, t -> t.contains("diff=" + d2 + "&"));
            assertTrue(second.contains("x".repeat(AlertFormatter.TITLE_MAX - 3) + "…"), second);
            assertFalse(second.contains("x".repeat(AlertFormatter.TITLE_MAX)), second);
        }
    }

    private static boolean wholeWord(String text, String word) {
        String plain = text.replaceAll("\u0003\\d{0,2}(,\\d{1,2})?|[\u0002\u000f\u001d\u001f\u0016]", "");
        return java.util.regex.Pattern.compile("(?i)(^|[^A-Za-z0-9\\[\\]\\\\`_^{|}-])" + word
                + "($|[^A-Za-z0-9\\[\\]\\\\`_^{|}-])").matcher(plain).find();
    }
}
