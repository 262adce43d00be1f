package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.FEED;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.indexOf;
import static org.vigie.e2e.LiveBot.isAlert;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.feed.RcLineWriter;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * The whole bot on a real IRC server (ngIRCd): commands said in the control channel, changes said by the feeder
 * {@code rc-pmtpa} in {@code #fr.wikipedia}, alerts read by a witness sitting in {@code #vigie-alertes}.
 *
 * <p>One server and one Vigie for the class; each test uses its own operator (own host, own command budget) and its
 * own user and page names. An absence is proven by order: a later change that does alert (a logged-out editor's
 * edit, the "marker") arrives, and the silent change's alert is not before it.
 */
class PatrolE2eTest {

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

    /**
     * The change {@code silent} raised no alert: the later change {@code marker} did, and changes are patrolled and
     * their alerts sent in feed order, so an alert for {@code silent} would have come before it.
     */
    static void assertNoAlertBefore(long silent, long marker) {
        bot.awaitAlert(marker);
        int s = indexOf(bot.watcher, 0, l -> isAlert(l, ALERTS, "diff=" + silent + "&"));
        assertEquals(-1, s, () -> "change " + silent + " alerted: " + bot.watcher.lines().get(s));
    }

    @Test
    void strangerAskingStatusIsAnswered() {
        String reply = ask(bot.stranger, "status", t -> true);
        String text = said(reply, CONTROL).text();
        assertTrue(text.startsWith("Feed: irc 127.0.0.1:" + bot.irc.port() + " connected"), text);
        assertTrue(text.contains("wiki API: off"), text);
    }

    @Test
    void strangerAddingToTheBlacklistIsIgnoredWithoutAWord() throws IOException {
        TestClient stranger = bot.person("inconnu");
        stranger.join(CONTROL);
        int mark = LiveBot.command(stranger, "bl add Intrus Trois r=essai");
        // the stranger's next line is handled after the first one (one command thread, in order): its answer
        // closes the window in which an answer to the first would have come
        String status = ask(stranger, "status", t -> t.startsWith("Feed: "));
        List<String> between = stranger.lines().subList(mark, stranger.lines().indexOf(status));
        assertTrue(between.stream().noneMatch(l -> said(l, CONTROL) != null), "no answer to the stranger: " + between);

        TestClient op = bot.newOperator("op-bl-stranger");
        String show = ask(op, "bl show Intrus Trois", t -> t.contains("Intrus Trois"));
        assertTrue(show.contains("is not on blacklist"), show);
    }

    @Test
    void operatorBlacklistsAUserAndTheirNextEditAlertsNamingThem() throws IOException {
        TestClient op = bot.newOperator("op-bl");
        String reply = ask(op, "bl add Vandale Un r=spam", t -> t.contains("Vandale Un"));
        assertTrue(reply.contains("Added: \u0002Vandale Un\u0002 to blacklist (global)"), reply);
        long diff = bot.edit("Paris", "Vandale Un", 12, "petite retouche");
        String alert = said(bot.awaitAlert(diff), ALERTS).text();
        assertTrue(alert.contains("Blacklisted"), alert);
        assertTrue(alert.contains("Vandale Un is on the blacklist (added by op-bl: spam)"), alert);
        assertTrue(alert.contains("Special:Contributions/Vandale_Un"), alert);
    }

    @Test
    void whitelistedUserBlankingAPageRaisesNothing() throws IOException {
        TestClient op = bot.newOperator("op-wl");
        ask(op, "wl add Gentil Patrouilleur r=fiable", t -> t.startsWith("Added:"));
        long silent = bot.edit("Lyon", "Gentil Patrouilleur", -5000, "retrait d'un copyvio");
        long marker = bot.marker();
        assertNoAlertBefore(silent, marker);
    }

    @Test
    void editOfAWatchedPageAlerts() throws IOException {
        TestClient op = bot.newOperator("op-cvp");
        ask(op, "cvp add Tour Eiffel r=souvent vandalisée", t -> t.startsWith("Added:"));
        long diff = bot.edit("Tour Eiffel", "Lecteur Quelconque", 7, "typo");
        String alert = said(bot.awaitAlert(diff), ALERTS).text();
        assertTrue(alert.contains("Watched page"), alert);
        assertTrue(alert.contains("Tour Eiffel is on the watchlist (added by op-cvp: souvent vandalisée)"), alert);
    }

    @Test
    void accountWithAWatchedWordAlertsThenItsAuthorIsGreylisted() throws IOException {
        TestClient op = bot.newOperator("op-bnu");
        ask(op, "bnu add casino r=publicité", t -> t.startsWith("Added:"));
        int mark = bot.watcher.lines().size();
        bot.log("newusers", "create2", "Parrain", "Utilisateur:Roi du casino",
                "created new account [[Utilisateur:Roi du casino]]");
        String alert = said(after(bot.watcher, mark, l -> isAlert(l, ALERTS, "Roi du casino")), ALERTS).text();
        // a watched user name is a new account: the most specific event is named, once (issue 9)
        assertFalse(alert.contains("New user"), alert);
        assertTrue(alert.contains("Watched user name"), alert);
        assertTrue(alert.contains("\"casino\" matches casino on the BNU list (publicité)"), alert);

        String grey = said(bot.probeUntilAlert("Roi du casino"), ALERTS).text();
        assertTrue(grey.contains("Greylisted"), grey);
        assertTrue(grey.contains("bnu: casino"), grey);
    }

    @Test
    void bigRemovalByAnOrdinaryUserAlerts() {
        long diff = bot.edit("Marseille", "Contributeur Pressé", -3000, "");
        String alert = said(bot.awaitAlert(diff), ALERTS).text();
        assertTrue(alert.contains("Big removal (blanking?)"), alert);
        assertTrue(alert.contains("(-3000)"), alert);
    }

    @Test
    void frenchBlockWithNarrowSpaceColonKeepsItsReasonAndBlacklistsTheTarget() {
        int mark = bot.watcher.lines().size();
        bot.log("block", "block", "Admin Exemple", "Utilisateur:Vandale Quatre",
                "blocked [[Utilisateur:Vandale Quatre]] with an expiration time of 2 heures (création de compte "
                        + "interdite)\u202F: Vandalisme répété");
        String alert = said(after(bot.watcher, mark, l -> isAlert(l, ALERTS, "Vandale Quatre")), ALERTS).text();
        assertTrue(alert.contains("Block"), alert);
        assertTrue(alert.contains("Admin Exemple"), alert);
        assertTrue(alert.contains("(expiry: 2 heures)"), alert);
        assertTrue(alert.contains("Vandalisme répété"), alert);

        String black = said(bot.probeUntilAlert("Vandale Quatre"), ALERTS).text();
        assertTrue(black.contains("Blacklisted"), black);
    }

    @Test
    void quietSilencesAChannelUntilSpeak() throws IOException {
        TestClient other = bot.person("veille-bis");
        other.join("#veille-bis");
        TestClient op = bot.newOperator("op-quiet");
        ask(op, "dest add !#veille-bis ip", t -> t.contains("#veille-bis now receives: ip"));
        after(other, 0, l -> LiveBot.isPresent(l, NICK, "#veille-bis"));
        ask(op, "quiet " + ALERTS, t -> t.startsWith("Quiet in " + ALERTS));
        long silent = bot.marker();
        // the other channel, not quiet, shows that the change went through the engine while #vigie-alertes was quiet
        after(other, 0, l -> isAlert(l, "#veille-bis", "diff=" + silent + "&"));
        ask(op, "speak " + ALERTS, t -> t.startsWith("Speaking again in " + ALERTS));
        long marker = bot.marker();
        assertNoAlertBefore(silent, marker);
        assertEquals(-1, indexOf(other, 0, l -> said(l, "#veille-bis") != null && !isAlert(l, "#veille-bis", "diff=")),
                "a channel added with !# gets no announcement");
        ask(op, "dest del #veille-bis ip", t -> t.contains("#veille-bis"));
    }

    @Test
    void quietallSaysItsTextInTheAlertChannelsThenNothingUntilSpeak() throws IOException {
        TestClient op = bot.newOperator("op-quietall");
        int mark = bot.watcher.lines().size();
        boolean spoke = false;
        try {
            ask(op, "quietall maintenance à 14 h", t -> t.startsWith("Quiet everywhere"));
            after(bot.watcher, mark, l -> said(l, ALERTS) != null
                    && said(l, ALERTS).text().equals("maintenance à 14 h"));
            long before = changes(op);
            long silent = bot.marker();
            bot.marker();   // the engine takes changes one by one: once it began this one, the first was dispatched
            Await.until("both changes through the engine", LiveBot.WAIT, () -> changes(op) >= before + 2);
            ask(op, "speak", t -> t.startsWith("Speaking again everywhere"));
            spoke = true;
            assertNoAlertBefore(silent, bot.marker());
        } finally {
            if (!spoke) {
                LiveBot.command(op, "speak");     // the other tests share this bot
            }
        }
    }

    /** The engine's count of changes, as {@code status} says it. */
    private static long changes(TestClient op) {
        String status = said(ask(op, "status", t -> t.startsWith("Feed: ")), CONTROL).text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| (\\d+) changes").matcher(status);
        assertTrue(m.find(), status);
        return Long.parseLong(m.group(1));
    }

    @Test
    void newDestinationIsJoinedAndGetsOnlyItsEvents() throws IOException {
        TestClient second = bot.person("second-veilleur");
        second.join("#second");
        TestClient op = bot.newOperator("op-dest");
        ask(op, "bl add Vandale Deux r=spam", t -> t.startsWith("Added:"));
        int mark = second.lines().size();
        String reply = ask(op, "dest add #second black", t -> t.contains("#second"));
        assertTrue(reply.contains("#second now receives: black"), reply);
        after(second, mark, l -> LiveBot.isPresent(l, NICK, "#second"));
        String announce = after(second, mark, l -> said(l, "#second") != null);
        assertTrue(said(announce, "#second").text().contains("op-dest"), announce);

        long ip = bot.marker();
        long black = bot.edit("Nice", "Vandale Deux", 3, "");
        String alert = said(after(second, mark, l -> isAlert(l, "#second", "diff=" + black + "&")), "#second").text();
        assertTrue(alert.contains("Blacklisted"), alert);
        assertEquals(-1, indexOf(second, mark, l -> isAlert(l, "#second", "diff=" + ip + "&")),
                "a logged-out edit is not a black event");
        bot.awaitAlert(black);   // the default channel still gets it too
        bot.awaitAlert(ip);
        String removed = ask(op, "dest del #second black", t -> t.contains("#second"));
        assertTrue(removed.contains("#second is no longer a destination"), removed);
        after(second, mark, l -> l.startsWith(":" + NICK + "!") && l.contains(" PART #second"));
    }

    @Test
    void feedLinesFromAnyoneButTheFeedSenderAreIgnored() throws IOException {
        TestClient impostor = bot.person("imposteur");
        impostor.join(FEED);
        long forged = LiveBot.nextDiff();
        impostor.privmsg(FEED, RcLineWriter.edit("Paris", false, false, false, false, LiveBot.diffUrl(forged),
                "198.51.100.9", -9000, "forged"));
        // the impostor's line reached Vigie's feed before the feeder's next one only if the server relayed it
        // first: wait until the feeder saw it, as Vigie's feed connection did
        after(bot.feeder, 0, l -> l.contains("diff=" + forged + "&"));
        long marker = bot.marker();
        assertNoAlertBefore(forged, marker);
    }

    /*
     * Injection. What a real server lets through inside one PRIVMSG is all that can be tried over a socket here:
     * ngIRCd ends a line at a bare CR or LF (so the rest becomes the sender's own next command), and a NUL stops it
     * reading the sender's input altogether; CR, LF and NUL therefore never reach Vigie in a feed text or a command.
     * Other C0 controls (CTCP \u0001, BEL \u0007, ESC), DEL, C1 controls and U+2028 do arrive, and are tried below.
     * CR/LF/NUL inside texts Vigie sends are covered at the unit level: IrcTextTest (sanitize), OutboxTest (text and
     * target with CR/LF/NUL), AlertFormatterTest (titles, summaries, list reasons) and CommandProcessorTest (items,
     * reasons and stored values echoed in replies).
     */

    @Test
    void controlCharactersInAFeedSummaryAreNeutralisedInTheAlert() {
        long diff = bot.edit("Bordeaux", "192.0.2.44", 5,
                "\u0001ACTION pwned\u0001 bell\u0007 esc\u001b[31m nel\u0085 ls\u2028 end");
        String raw = bot.awaitAlert(diff);
        String alert = said(raw, ALERTS).text();
        for (char c : new char[] {'\u0001', '\u0007', '\u001b', '\u0085', '\u2028'}) {
            assertEquals(-1, alert.indexOf(c), "character " + (int) c + " in " + alert);
        }
        assertTrue(alert.contains("ACTION pwned  bell  esc [31m nel  ls  end"), alert);
    }

    @Test
    void echoedReasonCannotBecomeASecondIrcCommand() throws IOException {
        TestClient op = bot.newOperator("op-inject");
        int watched = bot.watcher.lines().size();
        String reply = ask(op, "bl add Injecteur r=x\u0001\u0007 :" + NICK + "!v@h PRIVMSG " + ALERTS + " :faux",
                t -> t.contains("Injecteur"));
        String text = said(reply, CONTROL).text();
        assertTrue(text.startsWith("Added:"), text);
        assertFalse(text.contains("\u0001") || text.contains("\u0007"), text);

        // A raw CR cannot reach Vigie inside one message: ngIRCd itself ends the line there, so the rest is a
        // second command of the operator's own, never text that Vigie echoes.
        int mark = op.lines().size();
        op.raw("PRIVMSG " + CONTROL + " :" + NICK + " bl add Injecteur Deux r=y\rPRIVMSG " + ALERTS + " :injecte");
        String second = after(op, mark, l -> {
            TestClient.Received r = said(l, CONTROL);
            return r != null && r.text().contains("Injecteur Deux");
        });
        assertTrue(said(second, CONTROL).text().endsWith("\"y\""), second);

        long marker = bot.marker();
        bot.awaitAlert(marker);
        for (String l : bot.watcher.lines().subList(watched, bot.watcher.lines().size())) {
            TestClient.Received r = LiveBot.parse(l);
            if (r != null && r.nick().equals(NICK)) {
                assertFalse(r.text().contains("faux") || r.text().contains("injecte"), l);
            }
        }
    }
}
