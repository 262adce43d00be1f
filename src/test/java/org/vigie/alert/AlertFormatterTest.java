package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Changes;
import org.vigie.patrol.MemoryLists;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;

class AlertFormatterTest {

    private static final long NOW = 1_700_000_000_000L;
    private static AlertFormatter en;
    private static AlertFormatter fr;

    private final MemoryLists lists = new MemoryLists()
            .add(ListKind.BL, Entry.GLOBAL, "Vandal", "spam")
            .add(ListKind.CVP, "fr.wikipedia", "Paris", "")
            .add(ListKind.BNU, Entry.GLOBAL, "hitler", "nazi names");
    private final Patrol patrol = new Patrol(lists, Settings::defaults, new BlockConflicts());

    @BeforeAll
    static void loadMessages() throws Exception {
        en = new AlertFormatter(Templates.load(Path.of("messages"), "en"));
        fr = new AlertFormatter(Templates.load(Path.of("messages"), "fr"));
    }

    private Verdict verdict(Changes c) {
        return patrol.check(c.build(), NOW);
    }

    private static void assertContainsAll(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing «" + p + "» in: " + text);
        }
    }

    @Test
    void blacklistedEditInEnglishShowsEverythingAPatrollerNeeds() {
        Verdict v = verdict(Changes.edit("Paris", "Vandal", -600).summary("removed nonsense"));
        String plain = AlertFormatter.plain(en.text(v));
        assertContainsAll(plain,
                "Blacklisted, Watched page, Big removal (blanking?)",
                "fr.wikipedia",
                "[[Paris]] by Vandal",
                "https://fr.wikipedia.org/wiki/Special:Contributions/Vandal",
                "(-600)",
                "https://fr.wikipedia.org/w/index.php?diff=1002&oldid=1001",
                "(removed nonsense)",
                "Vandal is on the blacklist (added by Op: spam)");
    }

    @Test
    void sameAlertInFrench() {
        Verdict v = verdict(Changes.edit("Paris", "Vandal", -600).summary("supprimé"));
        String plain = AlertFormatter.plain(fr.text(v));
        assertContainsAll(plain,
                "Blacklisté, Page surveillée, Suppression importante (blanchiment ?)",
                "[[Paris]] par Vandal",
                "contribs : https://fr.wikipedia.org/wiki/Special:Contributions/Vandal",
                "Vandal est sur la liste noire (ajouté par Op : spam)");
    }

    @Test
    void bigSizeIsColouredAndSmallIsNot() {
        String big = en.text(verdict(Changes.edit("Paris", "Vandal", -600)));
        assertTrue(big.contains("\u000304\u0002(-600)\u000f"), big);
        String small = en.text(verdict(Changes.edit("Paris", "Vandal", 7)));
        assertTrue(small.contains(" (+7) "), small);
    }

    @Test
    void contributionsLinkOnlyWhenTheAlertIsAboutTheEditor() {
        assertFalse(en.text(verdict(Changes.edit("Paris", "Alice", 3))).contains("Special:Contributions"));
        assertTrue(en.text(verdict(Changes.edit("Paris", "1.2.3.4", 3))).contains("Special:Contributions/1.2.3.4"));
    }

    @Test
    void contributionsLinkIsEncoded() {
        assertEquals("https://fr.wikipedia.org/wiki/Special:Contributions/Jean_Dupont%26Fils%3F%C3%A9",
                AlertFormatter.contribsUrl("fr.wikipedia", "Jean Dupont&Fils?é"));
    }

    @Test
    void controlCharactersFromTheFeedAreNeutralised() {
        lists.add(new Entry(ListKind.BL, Entry.GLOBAL, "Evil", "Op", "line\r\nPRIVMSG #x :owned", 0, Entry.NEVER,
                Entry.Source.OPERATOR));
        Verdict v = verdict(Changes.edit("Pa\u0000ge\rQUIT", "Evil", 5).summary("hi\nJOIN #x\u0002\u0003"));
        String text = en.text(v);
        for (char c : new char[] {'\r', '\n', '\u0000'}) {
            assertEquals(-1, text.indexOf(c), () -> "control char " + (int) c + " in " + text);
        }
        assertContainsAll(AlertFormatter.plain(text), "Pa ge QUIT", "hi JOIN #x", "line  PRIVMSG #x :owned");
    }

    @Test
    void longSummaryIsCutWithoutSplittingASurrogatePair() {
        String summary = "a".repeat(98) + "\uD83D\uDE00" + "tail that goes away";
        String cut = AlertFormatter.shorten(summary, 100);
        assertEquals("a".repeat(98) + "…", cut);
        String text = en.text(verdict(Changes.edit("Paris", "1.2.3.4", 3).summary(summary)));
        assertTrue(text.contains("a".repeat(98) + "…"), text);
        assertFalse(text.contains("\uD83D"));
        assertEquals("a".repeat(97) + "\uD83D\uDE00…", AlertFormatter.shorten("a".repeat(97) + "\uD83D\uDE00xyz", 100));
        assertEquals("short", AlertFormatter.shorten("short", 100));
    }

    @Test
    void blockAlertShowsPerformerTargetExpiryAndReason() {
        Changes block = Changes.block("block", "Sysop", "Utilisateur:Vandal2", "31 heures", 31 * 3600);
        String plain = AlertFormatter.plain(fr.text(verdict(block)));
        assertContainsAll(plain, "Blocage", "Sysop a bloqué [[Utilisateur:Vandal2]]",
                "Special:Contributions/Vandal2", "(expiration : 31 heures)", "(Vandalisme)");
        assertContainsAll(AlertFormatter.plain(en.text(verdict(block))), "Sysop blocked [[Utilisateur:Vandal2]]",
                "(expiry: 31 heures)");
    }

    @Test
    void moveAlertShowsTheDestination() {
        String plain = AlertFormatter.plain(fr.text(verdict(Changes.move("Vandal", "Paris", "Paris (ville nulle)"))));
        assertContainsAll(plain, "Blacklisté, Renommage, Page surveillée",
                "Vandal a renommé [[Paris]] vers [[Paris (ville nulle)]]");
    }

    @Test
    void newUserAlertNamesTheAccountAndTheWord() {
        String plain = AlertFormatter.plain(en.text(verdict(Changes.log("newusers", "create2", "Alice",
                "User:HitlerFan"))));
        assertFalse(plain.contains("New user"), plain);
        assertContainsAll(plain, "Watched user name", "Alice created the account [[HitlerFan]]",
                "Special:Contributions/HitlerFan", "\"Hitler\" matches hitler on the BNU list (nazi names)");
        String own = AlertFormatter.plain(en.text(verdict(Changes.log("newusers", "create", "Bob", null))));
        assertContainsAll(own, "Bob created their account", "Special:Contributions/Bob");
    }

    @Test
    void blockConflictNamesTheOtherAdmin() {
        patrol.check(Changes.block("block", "AdminA", "User:X", "1 day", 86400).build(), NOW);
        Verdict v = patrol.check(Changes.block("unblock", "AdminB", "User:X", null, LogAction.UNKNOWN).build(),
                NOW + 1000);
        assertFalse(AlertFormatter.plain(fr.text(v)).startsWith("Blocage, "));
        assertContainsAll(AlertFormatter.plain(fr.text(v)), "Conflit de blocage", "AdminB a débloqué",
                "conflit avec AdminA");
    }

    @Test
    void unknownLogWordingShowsTheFeedText() {
        RcEvent e = new RcEvent("fr.wikipedia", RcEvent.Kind.LOG, "Spécial:Log/delete", -1, "Vandal", false, false,
                false, RcEvent.NO_SIZE, 0, 0, 0, "", "a fait quelque chose d'étrange",
                new LogAction("delete", "weird", null, null, null, LogAction.UNKNOWN, List.of(), "", false),
                RcEvent.SummaryKind.NONE, null, false);
        String plain = AlertFormatter.plain(en.text(patrol.check(e, NOW)));
        assertContainsAll(plain, "Blacklisted, Deletion", "Vandal delete/weird", "a fait quelque chose d'étrange");
    }

    @Test
    void oneAlertPerDestinationSharingOneTextWithItsPriority() {
        Verdict v = verdict(Changes.edit("Paris", "Vandal", -600));
        List<Destination> ds = List.of(Destination.parse("#a", "black"), Destination.parse("#b", "bigremove"));
        List<Alert> alerts = en.format(v, ds, 42L);
        assertEquals(List.of("#a", "#b"), alerts.stream().map(Alert::channel).toList());
        assertEquals(alerts.get(0).text(), alerts.get(1).text());
        assertEquals(Priority.HIGH, alerts.get(0).priority());
        assertEquals(42L, alerts.get(1).createdNanos());
        assertEquals(Priority.NORMAL, Alert.priorityOf(verdict(Changes.edit("Lyon", "1.2.3.4", 1))));
        assertEquals(Priority.HIGH, Alert.priorityOf(verdict(Changes.edit("Paris", "Alice", 1))));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
            "\\x02bold\\x02 text                 | bold text              | bold",
            "\\x0304red\\x03 plain               | red plain              | colour and bare colour end",
            "\\x0304,12on blue\\x0f              | on blue                | colour with background",
            "\\x034,5x                           | x                      | one-digit colours",
            "\\x0312345                          | 345                    | at most two digits",
            "\\x03,5 summary                     | ,5 summary             | comma without colour stays",
            "\\x0304,x                           | ,x                     | comma without digit stays",
            "\\x04FF0000red\\x04                 | red                    | hex colour",
            "\\x04FF0000,00ff00both              | both                   | hex colour with background",
            "\\x04FF00x                          | FF00x                  | short hex is text",
            "\\x1ditalic\\x1f\\x11\\x1e\\x16\\x0f | italic                 | the other codes",
            "\\x03٣٤ arabic digits              | ٣٤ arabic digits       | non-ASCII digits are text",
            "nothing to strip                    | nothing to strip       | untouched",
    })
    void plainStripsIrcFormatting(String in, String out, String why) {
        assertEquals(out, AlertFormatter.plain(unescape(in)));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i)) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }
}
