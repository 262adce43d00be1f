package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testirc.TestClient;

/** The score and the behaviour windows on a real IRC server (ngIRCd): what a patroller reads in the alert channel. */
class ScoreE2eTest {

    @TempDir
    static Path dir;
    static LiveBot bot;

    @BeforeAll
    static void start() throws IOException {
        bot = LiveBot.start(dir);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void anIpBurstIsAlertedOnceWithItsCountAndEveryAlertShowsItsScore() {
        long last = 0;
        for (int i = 0; i < 6; i++) {
            last = bot.edit("Rafale " + i, "198.51.100.23", 20, "ajout");
        }
        String alert = said(bot.awaitAlert(last), ALERTS).text();
        String plain = org.vigie.alert.AlertFormatter.plain(alert);
        assertTrue(plain.contains("Burst"), plain);
        assertTrue(plain.contains("6 changes in a row"), plain);
        assertTrue(plain.contains("[score "), plain);
        assertTrue(plain.contains("IP"), plain);
    }

    @Test
    void statusSaysHowManyAlertsEachChannelGotInTheLastHour() throws IOException {
        bot.awaitAlert(bot.marker());
        TestClient op = bot.newOperator("op-rates");
        String rates = ask(op, "status", t -> t.startsWith("Alerts per hour"));
        assertTrue(said(rates, CONTROL).text().contains(ALERTS + " "), rates);
    }

    @Test
    void readscoreReadsTheWeightsBesideTheListsAndRefusesABadFile() throws IOException {
        TestClient op = bot.newOperator("op-score");
        Path file = dir.resolve("lists-empty").resolve("score.properties");
        Files.writeString(file, "bias=-1\nthreshold.default=55\nweight.ip=3\n");
        String ok = ask(op, "config readscore", t -> t.contains("score.properties"));
        assertTrue(said(ok, CONTROL).text().contains("Score weights read from score.properties (default threshold 55)"),
                ok);
        Files.writeString(file, "bias=-1\nweight.ipp=3\n");
        String bad = ask(op, "config readscore", t -> t.contains("not read"));
        assertTrue(said(bad, CONTROL).text().contains("line 2: unknown feature \"ipp\""), bad);
    }
}
