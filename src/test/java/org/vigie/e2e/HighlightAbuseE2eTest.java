package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * Abuse case 6 (issue 13.6) on a real server (ngIRCd): seven people sit in the alert channel; a blacklisted user's
 * edit whose title, summary and user name are their nicks highlights none of them.
 */
class HighlightAbuseE2eTest extends LiveBotCase {

    private static final String[] PRESENT = {"ann", "ben", "cat", "dan", "eve", "fay", "gus"};
    final List<TestClient> people = new ArrayList<>();

    @AfterEach
    void stop() {
        people.forEach(TestClient::close);
    }

    @Test
    void anAlertMadeOfTheNicksInTheChannelHighlightsNobody() throws IOException {
        bot = LiveBot.start(dir);
        for (String n : PRESENT) {
            TestClient c = bot.person(n);
            c.join(ALERTS);
            people.add(c);
        }
        // Vigie has seen them all: the last one's JOIN reached the watcher, who sits there as Vigie does
        after(bot.watcher, 0, l -> l.startsWith(":gus!") && l.contains(" JOIN "));
        TestClient op = bot.newOperator("op-hl");
        ask(op, "bl add Gus", t -> t.startsWith("Added:"));
        String all = "Ann Ben Cat Dan Eve Fay Gus";
        long diff = bot.edit(all, "Gus", 5, all);
        String line = bot.awaitAlert(diff);
        String text = TestClient.parse(line).text();
        int highlighted = 0;
        for (TestClient p : people) {
            if (Pattern.compile("(?i)(^|[^A-Za-z0-9_\\-\\[\\]\\\\`^{|}])" + p.nick() + "($|[^A-Za-z0-9_\\-\\[\\]"
                    + "\\\\`^{|}])").matcher(text.replaceAll("\u0003\\d{0,2}(,\\d{1,2})?|[\u0002\u000f]", "")).find()) {
                highlighted++;
            }
        }
        System.out.println("[abuse 6] ngIRCd: people highlighted by an alert made of their 7 nicks: " + highlighted);
        assertEquals(0, highlighted, text);
        assertTrue(text.contains("Contributions/%47us"), "the link still leads to Gus: " + text);
        assertTrue(text.replace("\u200B", "").contains(all), "the text reads the same: " + text);
        assertTrue(line.startsWith(":" + NICK + "!"));
    }

    /** The alert channel's nick set is made when a JOIN or PART is handled, with no alert to make it. */
    @Test
    void theInputThreadMakesTheNickSetsSoThatNoAlertHasTo() throws IOException {
        bot = LiveBot.start(dir);
        TestClient ida = bot.person("ida");
        people.add(ida);
        ida.join(ALERTS);
        after(bot.watcher, 0, l -> l.startsWith(":ida!") && l.contains(" JOIN "));
        // no alert was sent: the set of the alert channel was made when the JOIN was handled
        Await.until("ida in the nick set made for " + ALERTS, () -> {
            java.util.Set<String> made = bot.vigie.network().nicksMade(ALERTS);
            return made != null && made.contains("ida") && made.contains(NICK.toLowerCase(java.util.Locale.ROOT));
        });
        ida.raw("PART " + ALERTS);
        Await.until("ida out of the set once she left", () -> {
            java.util.Set<String> made = bot.vigie.network().nicksMade(ALERTS);
            return made != null && !made.contains("ida");
        });
    }

    /** The channel's nicks are kept between alerts; a JOIN after an alert must reach the next one. */
    @Test
    void aNickThatJoinsAfterAnAlertIsBrokenInTheNextOne() throws IOException {
        bot = LiveBot.start(dir);
        TestClient op = bot.newOperator("op-hl2");
        ask(op, "bl add Gus", t -> t.startsWith("Added:"));
        String first = TestClient.parse(bot.awaitAlert(bot.edit("Page", "Gus", 5, "hal"))).text();
        assertTrue(first.contains("hal"), "nobody named hal yet, the text is left as it is: " + first);
        TestClient hal = bot.person("hal");
        people.add(hal);
        hal.join(ALERTS);
        after(bot.watcher, 0, l -> l.startsWith(":hal!") && l.contains(" JOIN "));
        String second = TestClient.parse(bot.awaitAlert(bot.edit("Page", "Gus", 6, "hal"))).text();
        assertTrue(!second.contains("hal") && second.replace("\u200B", "").contains("hal"),
                "hal joined after the first alert: broken in the second: " + second);
    }
}
