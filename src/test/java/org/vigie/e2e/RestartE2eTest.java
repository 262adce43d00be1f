package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.isAlert;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.testirc.TestClient;

/**
 * What survives a restart: of Vigie (lists and destinations in H2, also after the shutdown command), and of the IRC
 * server (reconnect, rejoin).
 */
class RestartE2eTest extends LiveBotCase {

    @Test
    void restartedVigieKeepsItsListsAndDestinations() throws IOException {
        bot = LiveBot.start(dir);
        TestClient second = bot.person("second-veilleur");
        second.join("#second");
        TestClient op = bot.newOperator("op-avant");
        ask(op, "bl add Recidiviste r=spam", t -> t.startsWith("Added:"));
        ask(op, "dest add #second black", t -> t.contains("#second now receives"));

        int quitMark = bot.watcher.lines().size();
        bot.vigie.close();
        after(bot.watcher, quitMark, l -> l.startsWith(":" + NICK + "!") && l.contains(" QUIT "));
        int secondMark = second.lines().size();
        bot.startVigie();
        after(second, secondMark, l -> LiveBot.isPresent(l, NICK, "#second"));

        long diff = bot.edit("Strasbourg", "Recidiviste", 8, "retour");
        String alert = said(bot.awaitAlert(diff), ALERTS).text();
        assertTrue(alert.contains("Blacklisted"), alert);
        assertTrue(alert.contains("Recidiviste is on the blacklist (added by op-avant: spam)"), alert);
        after(second, secondMark, l -> isAlert(l, "#second", "diff=" + diff + "&"));
    }

    @Test
    void restartedIrcServerIsRejoinedAndAlertsResumeInFrench() throws IOException {
        bot = LiveBot.start(dir, "lang", "fr");
        TestClient op = bot.newOperator("op-avant");
        ask(op, "bl add Revenant r=retour", t -> t.startsWith("Ajouté : \u0002Revenant\u0002"));

        bot.irc.restart();
        bot.closeClients();
        bot.connectClients();          // the operator first again, while Vigie waits out its reconnect delay
        bot.awaitJoined(0, 0, 0);      // control and alert channels, and the feed channel

        long diff = bot.edit("Toulouse", "Revenant", 5, "");
        String alert = said(bot.awaitAlert(diff), ALERTS).text();
        assertTrue(alert.contains("Blacklisté"), alert);
        assertTrue(alert.contains("Revenant est sur la liste noire (ajouté par op-avant : retour)"), alert);
        String status = said(ask(bot.stranger, "status", t -> t.startsWith("Flux : ")), CONTROL).text();
        assertTrue(status.contains(" connecté, "), status);
    }

    @Test
    void shutdownCommandStopsVigieAndReleasesItsDatabase() throws Exception {
        bot = LiveBot.start(dir);
        TestClient op = bot.newOperator("op-fin");
        ask(op, "bl add Dernier r=test", t -> t.startsWith("Added:"));
        int mark = bot.watcher.lines().size();
        String reply = ask(op, "shutdown", t -> t.startsWith("Shutting down"));
        assertTrue(reply.contains("as op-fin asked"), reply);
        after(bot.watcher, mark, l -> l.startsWith(":" + NICK + "!") && l.contains(" QUIT "));
        assertTimeoutPreemptively(Duration.ofSeconds(10), bot.vigie::awaitStop);

        // the database was shut down: a new instance opens the same file and still knows the list entry
        bot.startVigie();
        long diff = bot.edit("Lille", "Dernier", 5, "");
        assertTrue(said(bot.awaitAlert(diff), ALERTS).text().contains("Dernier is on the blacklist"));
    }
}
