package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.indexOf;
import static org.vigie.e2e.LiveBot.isAlert;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * Issue 9, the CVUBot habits a patroller brings: each test sends over a real IRC server (ngIRCd) what the issue quotes
 * and checks what a patroller would then see. One server and one Vigie for the class; each test has its own operator,
 * names and channels. An absence is proven by order (see {@link PatrolE2eTest#assertNoAlertBefore}).
 */
class ParityE2eTest {

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

    static String text(String line, String channel) {
        return said(line, channel).text();
    }

    /** The next answer of Vigie in the control channel after {@code mark} that fits. */
    static String next(TestClient op, int mark, java.util.function.Predicate<String> p) {
        return text(after(op, mark, l -> {
            TestClient.Received r = said(l, CONTROL);
            return r != null && p.test(r.text());
        }), CONTROL);
    }

    // ------------------------------------------------------------------ 1. quiet stops alerts

    @Test
    void quietInTheControlChannelSilencesEveryAlertChannelAndStatusNamesThem() throws IOException {
        TestClient op = bot.newOperator("op-quiet-ctl");
        String reply = text(ask(op, "quiet", t -> t.contains(CONTROL)), CONTROL);
        assertTrue(reply.contains("quiet in every alert channel"), reply);
        assertTrue(reply.contains(ALERTS), reply);
        try {
            String status = text(ask(op, "status", t -> t.startsWith("Feed: ")), CONTROL);
            assertTrue(status.contains("quiet: ") && status.contains(ALERTS), status);
            // (five commands in ten seconds is one operator's budget: the rest is asked by a second operator)
            op = bot.newOperator("op-quiet-ctl2");
            assertFalse(status.contains("quiet: no"), status);

            // a channel added now is not quiet: it shows that the next change went through while the others were
            TestClient witness = bot.person("temoin-quiet");
            witness.join("#parite-temoin");
            ask(op, "dest add !#parite-temoin ip", t -> t.contains("#parite-temoin"));
            after(witness, 0, l -> LiveBot.isPresent(l, NICK, "#parite-temoin"));
            long silent = bot.marker();
            after(witness, 0, l -> isAlert(l, "#parite-temoin", "diff=" + silent + "&"));
            ask(op, "speak", t -> t.startsWith("Speaking again everywhere"));
            long marker = bot.marker();
            bot.awaitAlert(marker);
            assertEquals(-1, indexOf(bot.watcher, 0, l -> isAlert(l, ALERTS, "diff=" + silent + "&")),
                    "an alert reached " + ALERTS + " while it was quiet");
            ask(op, "dest del #parite-temoin ip", t -> t.contains("#parite-temoin"));
        } finally {
            ask(bot.newOperator("op-quiet-ctl3"), "speak", t -> t.startsWith("Speaking again"));
        }
    }

    // ------------------------------------------------------------------ 2. show on word lists

    @Test
    void showFindsWordsOnEveryWordListWithAndWithoutAWiki() throws IOException {
        for (String list : new String[] {"bnu", "bna", "wheels", "bes"}) {
            TestClient op = bot.newOperator("op-show-" + list);
            String word = "Spamword" + list;
            ask(op, list + " add " + word + " r=pub", t -> t.startsWith("Added:"));
            String shown = text(ask(op, list + " show " + word, t -> t.contains(word)), CONTROL);
            assertTrue(shown.contains(word + "\u0002 is on ") && shown.contains("(global)"), shown);
            String local = "Local" + list;
            ask(op, list + " add " + local + " p=fr.wikipedia", t -> t.startsWith("Added:"));
            String there = text(ask(op, list + " show " + local + " p=fr.wikipedia", t -> t.contains(local)), CONTROL);
            assertTrue(there.contains(local + "\u0002 is on ") && there.contains("(fr.wikipedia)"), there);
        }
    }

    // ------------------------------------------------------------------ 3. a blacklisted user is always reported

    @Test
    void aBlacklistedAdminIsReportedAndTheAcknowledgementSaysTheBlacklistComesFirst() throws IOException {
        TestClient op = bot.newOperator("op-black-admin");
        ask(op, "al add Admin Noir", t -> t.startsWith("Added:"));
        int mark = LiveBot.command(op, "bl add Admin Noir r=compte compromis");
        assertTrue(next(op, mark, t -> t.startsWith("Added:")).contains("Admin Noir"));
        String note = next(op, mark, t -> t.startsWith("Note:"));
        assertTrue(note.contains("admin list") && note.contains("the blacklist comes first"), note);

        long diff = bot.edit("Strasbourg", "Admin Noir", 8, "retouche");
        String alert = text(bot.awaitAlert(diff), ALERTS);
        assertTrue(alert.contains("Blacklisted"), alert);
        assertTrue(alert.contains("Admin Noir is on the blacklist"), alert);
    }

    @Test
    void aBlankingByABlacklistedBotReachesTheChannelsThatLeaveBotsOut() throws IOException {
        TestClient op = bot.newOperator("op-black-bot");
        ask(op, "bot add Robot Noir", t -> t.startsWith("Added:"));
        ask(op, "bl add Robot Noir r=détourné", t -> t.startsWith("Added:"));
        // #vigie-alertes takes everything but admins, whitelisted users and bots (-bot)
        long diff = bot.edit("Toulouse", "Robot Noir", -6000, "");
        String alert = text(bot.awaitAlert(diff), ALERTS);
        assertTrue(alert.contains("Blacklisted"), alert);
        assertTrue(alert.contains("Big removal"), alert);
    }

    @Test
    void addingABlacklistedUserToTheAdminOrBotListSaysTheyStayReported() throws IOException {
        TestClient op = bot.newOperator("op-black-then-al");
        ask(op, "bl add Noir Puis Admin", t -> t.startsWith("Added:"));
        for (String list : new String[] {"al", "bot"}) {
            int mark = LiveBot.command(op, list + " add Noir Puis Admin");
            assertTrue(next(op, mark, t -> t.startsWith("Added:")).contains("Noir Puis Admin"));
            String note = next(op, mark, t -> t.startsWith("Note:"));
            assertTrue(note.contains("is on the blacklist (global)") && note.contains("still reported as blacklisted"),
                    note);
        }
    }

    // ------------------------------------------------------------------ 4. the whitelist marker

    @Test
    void anAlertAboutAWhitelistedUserIsMarkedInAChannelWithoutTheWhiteFilter() throws IOException {
        bot.watcher.join("#parite-blanc");
        TestClient op = bot.newOperator("op-white-mark");
        int mark = bot.watcher.lines().size();
        ask(op, "dest add !#parite-blanc bigremove", t -> t.contains("#parite-blanc"));
        after(bot.watcher, mark, l -> LiveBot.isPresent(l, NICK, "#parite-blanc"));
        ask(op, "wl add Blanc Fiable r=patrouilleur", t -> t.startsWith("Added:"));
        long diff = bot.edit("Rennes", "Blanc Fiable", -4000, "retrait d'un copyvio");
        String alert = text(after(bot.watcher, mark, l -> isAlert(l, "#parite-blanc", "diff=" + diff + "&")),
                "#parite-blanc");
        assertTrue(alert.contains("[whitelist]"), alert);
        ask(op, "dest del #parite-blanc bigremove", t -> t.contains("#parite-blanc"));
    }

    // ------------------------------------------------------------------ 5. automatic entries, plain syntax

    @Test
    void theBlacklistEntryOfABlockIsDeletedWithThePlainSyntax() throws IOException {
        TestClient op = bot.newOperator("op-auto-del");
        bot.log("block", "block", "Admin Exemple", "Utilisateur:203.0.113.9",
                "blocked [[Utilisateur:203.0.113.9]] with an expiration time of 2 heures (création de compte"
                        + " interdite)\u202F: Vandalisme");
        // the automatic entry is stored off the patrol thread: ask until it is there
        String shown = Await.value("the automatic entry", LiveBot.WAIT, () -> {
            String t = text(ask(op, "bl show 203.0.113.9", x -> x.contains("203.0.113.9")), CONTROL);
            return t.contains("is on") ? t : null;
        });
        assertTrue(shown.contains("is on blacklist (fr.wikipedia)"), shown);

        String deleted = text(ask(op, "bl del 203.0.113.9", t -> t.contains("203.0.113.9")), CONTROL);
        assertEquals("Deleted \u0002203.0.113.9\u0002 from blacklist (fr.wikipedia)", deleted);
        String gone = text(ask(op, "bl show 203.0.113.9", t -> t.contains("203.0.113.9")), CONTROL);
        assertTrue(gone.contains("is not on blacklist"), gone);
    }

    // ------------------------------------------------------------------ 7. namespaces by any of their names

    @Test
    void watchedImagesAndPagesMatchWhateverNameTheirNamespaceWasWrittenWith() throws IOException {
        TestClient op = bot.newOperator("op-namespaces");
        ask(op, "cvi add File:Drapeau Parite.png r=souvent remplacé", t -> t.startsWith("Added:"));
        ask(op, "cvi add Image:Logo Parite.png", t -> t.startsWith("Added:"));
        ask(op, "cvp add User:Cible Parite", t -> t.startsWith("Added:"));
        op = bot.newOperator("op-namespaces2");

        for (String file : new String[] {"Fichier:Drapeau Parite.png", "Fichier:Logo Parite.png"}) {
            int mark = bot.watcher.lines().size();
            bot.log("upload", "upload", "Téléverseur", file, "uploaded \"[[" + file + "]]\"");
            String alert = text(after(bot.watcher, mark, l -> isAlert(l, ALERTS, file)), ALERTS);
            assertTrue(alert.contains("Watched image"), alert);
        }
        long diff = bot.edit("Utilisateur:Cible Parite", "Lecteur Quelconque", 5, "");
        String alert = text(bot.awaitAlert(diff), ALERTS);
        assertTrue(alert.contains("Watched page"), alert);
        assertTrue(alert.contains("User:Cible Parite is on the watchlist"), alert);

        // show and del accept any spelling
        String shown = text(ask(op, "cvp show Utilisateur:Cible Parite", t -> t.contains("Cible Parite")), CONTROL);
        assertTrue(shown.contains("is on watched pages (global)"), shown);
        String img = text(ask(op, "cvi show Fichier:Logo Parite.png", t -> t.contains("Logo Parite")), CONTROL);
        assertTrue(img.contains("is on watched images (global)"), img);
        String deleted = text(ask(op, "cvp del utilisateur:cible Parite", t -> t.contains("Cible Parite")), CONTROL);
        assertTrue(deleted.startsWith("Deleted"), deleted);
    }

    // ------------------------------------------------------------------ 8. aclo says what it accepts

    @Test
    void acloRefusesANickAndIdentMaskSayingWhyAndShowReportsTheMaskThatMatches() throws IOException {
        TestClient op = bot.newOperator("op-aclo");
        String refused = text(ask(op, "aclo add Aide!~aide@*", t -> t.contains("Aide!~aide@*")), CONTROL);
        assertTrue(refused.startsWith("Not added"), refused);
        assertTrue(refused.contains("nick and the ident are anyone's to choose"), refused);
        assertTrue(refused.contains("services") && refused.contains("real host"), refused);

        TestClient aide = bot.person("aide");
        aide.join(CONTROL);
        String join = after(aide, 0, l -> l.startsWith(":aide!") && l.contains(" JOIN "));
        String mask = join.substring(1, join.indexOf(' '));
        ask(op, "aclo add " + mask + " r=aide", t -> t.startsWith("Added:"));
        String shown = text(ask(op, "aclo show aide", t -> t.startsWith("aide ")), CONTROL);
        assertTrue(shown.contains("is an operator through the mask"), shown);
        assertTrue(shown.contains(mask), shown);
    }

    // ------------------------------------------------------------------ 10. smaller edges

    @Test
    void afterAKickNoAlertGoesToTheChannelUntilAnInviteOrUnkick() throws IOException {
        String chan = "#parite-kick";
        TestClient w = bot.watcher;
        w.join(chan);                                        // first in: channel operator
        w.mode(chan, "-n");                                  // so that a message from outside would still arrive
        TestClient op = bot.newOperator("op-kick");
        int mark = w.lines().size();
        ask(op, "dest add !" + chan + " ip", t -> t.contains(chan));
        after(w, mark, l -> LiveBot.isPresent(l, NICK, chan));
        long before = bot.marker();
        after(w, mark, l -> isAlert(l, chan, "diff=" + before + "&"));

        int kicked = w.lines().size();
        w.raw("KICK " + chan + " " + NICK + " :assez");
        after(w, kicked, l -> l.contains(" KICK " + chan + " " + NICK));
        // Vigie reads its network connection in order: an answer to a command sent now comes after it read the KICK
        // (the feed connection is another socket, so a change fed before this could overtake the KICK)
        ask(op, "status", t -> t.startsWith("Feed: "));
        long silent = bot.marker();
        long marker = bot.marker();
        bot.awaitAlert(marker);
        // the verdict's alerts go out channel by channel in table order (#parite-kick first), on one connection
        assertEquals(-1, indexOf(w, kicked, l -> isAlert(l, chan, "diff=" + silent + "&")), "alert after a kick");
        assertEquals(-1, indexOf(w, kicked, l -> isAlert(l, chan, "diff=" + marker + "&")), "alert after a kick");

        int invited = w.lines().size();
        w.raw("INVITE " + NICK + " " + chan);
        after(w, invited, l -> l.startsWith(":" + NICK + "!") && l.contains(" JOIN "));
        long back = bot.marker();
        after(w, invited, l -> isAlert(l, chan, "diff=" + back + "&"));

        int again = w.lines().size();
        w.raw("KICK " + chan + " " + NICK + " :encore");
        after(w, again, l -> l.contains(" KICK " + chan + " " + NICK));
        op = bot.newOperator("op-kick2");
        ask(op, "status", t -> t.startsWith("Feed: "));
        ask(op, "config unkick " + chan, t -> t.contains(chan));
        after(w, again, l -> l.startsWith(":" + NICK + "!") && l.contains(" JOIN "));
        long unkicked = bot.marker();
        after(w, again, l -> isAlert(l, chan, "diff=" + unkicked + "&"));
        ask(op, "dest del " + chan + " ip", t -> t.contains(chan));
    }

    @Test
    void combinedAlertsNameEachEventOnceTheMostSpecific() throws IOException {
        long diff = bot.edit("Modèle:Parite", "198.51.100.77", 12, "");
        String alert = text(bot.awaitAlert(diff), ALERTS);
        assertTrue(alert.startsWith("\u000304\u0002IP on template"), alert);
        // the events' names, before the wiki (the score's reasons at the end may name IP too)
        assertFalse(alert.substring(0, alert.indexOf("fr.wikipedia")).contains("IP, "), alert);

        TestClient op = bot.newOperator("op-wheels");
        ask(op, "wheels add pariteroues", t -> t.startsWith("Added:"));
        int mark = bot.watcher.lines().size();
        bot.log("move", "move", "Renommeur", "Page Parite", "moved [[Page Parite]] to [[Page pariteroues]]");
        String move = text(after(bot.watcher, mark, l -> isAlert(l, ALERTS, "pariteroues")), ALERTS);
        assertTrue(move.contains("Move vandalism?"), move);
        assertFalse(move.contains("Move, "), move);
    }

    @Test
    void helpEventsListsTheFlagsApartAndHelpWwuserSaysItIsBnu() throws IOException {
        TestClient op = bot.newOperator("op-help-events");
        int mark = LiveBot.command(op, "help events");
        String events = next(op, mark, t -> t.startsWith("Events: "));
        assertFalse(events.contains("cmds"), events);
        String flags = next(op, mark, t -> t.startsWith("Flags (not events): "));
        assertTrue(flags.contains("cmdsq") && flags.contains("-bot"), flags);
        String ww = text(ask(op, "help wwuser", t -> t.contains("wwuser")), CONTROL);
        assertTrue(ww.contains("another name for the event") && ww.contains("bnu"), ww);
    }

    @Test
    void configAloneShowsEverySubCommand() throws IOException {
        TestClient op = bot.newOperator("op-config");
        String usage = text(ask(op, "config", t -> t.startsWith("Usage:")), CONTROL);
        for (String form : new String[] {"config list", "config <item> <value>", "config readmsgs", "config unkick",
            "config readcmds", "config getadmins", "config getbots"}) {
            assertTrue(usage.contains(form), form + " in " + usage);
        }
    }
}
