package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

class PatrolTest {

    private static final String FR = "fr.wikipedia";
    private static final long NOW = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private final MemoryLists lists = new MemoryLists();
    private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.defaults());
    private final BlockConflicts conflicts = new BlockConflicts();
    private final Patrol patrol = new Patrol(lists, settings::get, conflicts);

    private Verdict check(Changes c) {
        return patrol.check(c.build(), NOW);
    }

    private static long bits(Event... events) {
        long b = 0;
        for (Event e : events) {
            b |= e.bit();
        }
        return b;
    }

    private void set(ConfigItem item, String value) {
        settings.set(settings.get().with(item, value));
    }

    // ------------------------------------------------------------------ quiet changes

    @Test
    void ordinaryEditByRegisteredUserRaisesNothing() {
        assertNull(check(Changes.edit("Paris", "Alice", 120)));
    }

    @Test
    void ordinaryLogEntryOfAnotherTypeRaisesNothing() {
        assertNull(check(Changes.log("patrol", "patrol", "Alice", "Paris")));
    }

    // ------------------------------------------------------------------ editor classes

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "Alice, USER",
            "82.12.3.4, ANON",
            "2001:db8::1, ANON",
            "2A01:CB00:1:2:3:4:5:6, ANON",
            "~2025-12345-67, ANON",
            "~Tilde, USER",
            "1.2.3, USER",
            "Sysop, ADMIN",
            "GlobalSysop, ADMIN",
            "RobotListed, BOT",
            "Trusted, WHITE",
            "Vandal, BLACK",
            "Suspect, GREY",
            "BothListed, BLACK",
            "WhiteAndBlack, BLACK",
            "AdminAndWhite, ADMIN",
            "91.1.1.1, BLACK",
    })
    void editorIsClassifiedInTheDocumentedOrder(String user, EditorClass expected) {
        lists.add(ListKind.AL, FR, "Sysop", "")
                .add(ListKind.AL, Entry.GLOBAL, "GlobalSysop", "steward")
                .add(ListKind.BOT, FR, "RobotListed", "")
                .add(ListKind.WL, Entry.GLOBAL, "Trusted", "")
                .add(ListKind.BL, Entry.GLOBAL, "Vandal", "spam")
                .add(ListKind.GL, FR, "Suspect", "")
                .add(ListKind.BL, FR, "BothListed", "spam")
                .add(ListKind.GL, FR, "BothListed", "rollback")
                .add(ListKind.WL, FR, "WhiteAndBlack", "")
                .add(ListKind.BL, FR, "WhiteAndBlack", "")
                .add(ListKind.AL, FR, "AdminAndWhite", "")
                .add(ListKind.WL, FR, "AdminAndWhite", "")
                .add(ListKind.BL, FR, "91.1.1.1", "open proxy");
        assertEquals(expected, patrol.classify(FR, user, false, NOW));
    }

    @Test
    void botFlagMakesABot() {
        assertEquals(EditorClass.BOT, patrol.classify(FR, "SomeBot", true, NOW));
    }

    @Test
    void adminListOfAnotherWikiDoesNotCount() {
        lists.add(ListKind.AL, "en.wikipedia", "Sysop", "");
        assertEquals(EditorClass.USER, patrol.classify(FR, "Sysop", false, NOW));
    }

    @Test
    void expiredBlacklistEntryNoLongerClassifies() {
        lists.add(new Entry(ListKind.BL, FR, "Vandal", "Op", "", 0, NOW - 1, Entry.Source.OPERATOR));
        assertEquals(EditorClass.USER, patrol.classify(FR, "Vandal", false, NOW));
    }

    // ------------------------------------------------------------------ one test per event

    @Test
    void anonymousEditRaisesIp() {
        Verdict v = check(Changes.edit("Paris", "82.12.3.4", 5));
        assertEquals(bits(Event.IP), v.events());
        assertEquals(EditorClass.ANON, v.editor());
        assertEquals("82.12.3.4", v.reasons().get(0).matched());
    }

    @Test
    void temporaryAccountEditRaisesIp() {
        assertEquals(bits(Event.IP), check(Changes.edit("Paris", "~2025-31337-01", 5)).events());
    }

    @Test
    void anonymousEditOnTemplateRaisesIptmp() {
        assertEquals(bits(Event.IP, Event.IPTMP), check(Changes.edit("Modèle:Palette", "1.2.3.4", 5).ns(10)).events());
    }

    @Test
    void anonymousEditOnCategoryRaisesIpcat() {
        assertEquals(bits(Event.IP, Event.IPCAT), check(Changes.edit("Catégorie:Ville", "1.2.3.4", 5).ns(14)).events());
    }

    @Test
    void namespaceFromTitleWhenTheFeedGaveNoNumber() {
        Verdict v = check(Changes.edit("Catégorie:Ville", "1.2.3.4", 5).ns(RcEvent.NS_UNKNOWN));
        assertEquals(bits(Event.IP, Event.IPCAT), v.events());
    }

    @Test
    void registeredUserOnTemplateRaisesNoIptmp() {
        assertNull(check(Changes.edit("Modèle:Palette", "Alice", 5).ns(10)));
    }

    @Test
    void blacklistedUserRaisesBlackWithItsEntry() {
        lists.add(ListKind.BL, Entry.GLOBAL, "Vandal", "spam");
        Verdict v = check(Changes.edit("Paris", "Vandal", 5));
        assertEquals(bits(Event.BLACK), v.events());
        Verdict.Reason r = v.reasons().get(0);
        assertEquals(Event.BLACK, r.event());
        assertEquals("spam", r.entry().reason());
    }

    @Test
    void greylistedUserRaisesGrey() {
        lists.add(ListKind.GL, FR, "Suspect", "rollback by Admin on [[Paris]]");
        Verdict v = check(Changes.edit("Paris", "Suspect", 5));
        assertEquals(bits(Event.GREY), v.events());
        assertEquals("rollback by Admin on [[Paris]]", v.reasons().get(0).entry().reason());
    }

    @Test
    void blacklistOutranksGreylist() {
        lists.add(ListKind.GL, FR, "Vandal", "rollback").add(ListKind.BL, FR, "Vandal", "spam");
        Verdict v = check(Changes.edit("Paris", "Vandal", 5));
        assertEquals(bits(Event.BLACK), v.events());
        assertEquals(EditorClass.BLACK, v.editor());
    }

    @Test
    void listedUserRaisesBlackOnLogActionsToo() {
        lists.add(ListKind.BL, FR, "Vandal", "spam");
        assertEquals(bits(Event.BLACK), check(Changes.log("thanks", "thank", "Vandal", "Utilisateur:Bob")).events());
    }

    @ParameterizedTest
    @CsvSource({"create", "create2", "byemail", "autocreate"})
    void newAccountRaisesNewuser(String action) {
        Changes c = Changes.log("newusers", action, "NewBob", action.equals("create2") || action.equals("byemail")
                ? "Utilisateur:NewBob" : null);
        Verdict v = check(c);
        assertEquals(bits(Event.NEWUSER), v.events());
        assertEquals("NewBob", v.reasons().get(0).matched());
    }

    @Test
    void otherNewusersActionRaisesNoNewuser() {
        assertNull(check(Changes.log("newusers", "forcecreatelocal", "Steward", "Utilisateur:X")));
    }

    @Test
    void newAccountCreatedByAnotherUserIsTheTargetNotThePerformer() {
        lists.add(ListKind.BNU, Entry.GLOBAL, "vandal", "obvious");
        Verdict v = check(Changes.log("newusers", "create2", "Vandalism fighter", "Utilisateur:NiceName"));
        assertEquals(bits(Event.NEWUSER), v.events());
    }

    @Test
    void newUserNameWithWatchedWordRaisesBnu() {
        lists.add(ListKind.BNU, Entry.GLOBAL, "vandal", "obvious");
        Verdict v = check(Changes.log("newusers", "create", "SuperVandal99", null));
        assertEquals(bits(Event.NEWUSER, Event.BNU), v.events());
        Verdict.Reason r = v.reasons().get(1);
        assertEquals(Event.BNU, r.event());
        assertEquals("Vandal", r.matched());
        assertEquals("vandal", r.entry().item());
    }

    @Test
    void newPageTitleWithWatchedWordRaisesBna() {
        lists.add(ListKind.BNA, FR, "caca", "");
        Verdict v = check(Changes.newPage("Pipi caca", "Alice", 100));
        assertEquals(bits(Event.BNA), v.events());
        assertEquals("caca", v.reasons().get(0).matched());
    }

    @Test
    void bnaIsNotCheckedOnPlainEdits() {
        lists.add(ListKind.BNA, FR, "caca", "");
        assertNull(check(Changes.edit("Pipi caca", "Alice", 100)));
    }

    @Test
    void bnuWordsMatchTitlesAndBnaWordsMatchNamesOnlyWithBnubnasame() {
        lists.add(ListKind.BNU, Entry.GLOBAL, "hitler", "").add(ListKind.BNA, Entry.GLOBAL, "poop", "");
        Changes title = Changes.newPage("Hitler fan club", "Alice", 100);
        Changes name = Changes.log("newusers", "create", "PoopMaster", null);
        assertNull(check(title));
        assertEquals(bits(Event.NEWUSER), check(name).events());

        set(ConfigItem.BNUBNASAME, "on");
        assertEquals(bits(Event.BNA), check(title).events());
        assertEquals(bits(Event.NEWUSER, Event.BNU), check(name).events());
    }

    @Test
    void editSummaryWithBadWordRaisesBes() {
        lists.add(ListKind.BES, Entry.GLOBAL, "/n[i1]gg/", "slur");
        Verdict v = check(Changes.edit("Paris", "Alice", 3).summary("lol N1GGA"));
        assertEquals(bits(Event.BES), v.events());
        assertEquals("N1GG", v.reasons().get(0).matched());
    }

    @ParameterizedTest
    @CsvSource({"block, BLOCK", "delete, DELETE", "move, MOVE", "upload, UPLOAD", "protect, PROTECT"})
    void logEntryOfWatchedTypeRaisesItsEvent(String type, Event expected) {
        Verdict v = check(Changes.log(type, type, "Sysop", "Some page"));
        assertNotNull(v);
        assertEquals(bits(expected), v.events());
    }

    @Test
    void moveToTitleWithWheelsWordRaisesWheeler() {
        lists.add(ListKind.WHEELS, Entry.GLOBAL, "on wheels", "");
        Verdict v = check(Changes.move("Willy", "Paris", "Paris ON WHEELS!"));
        assertEquals(bits(Event.MOVE, Event.WHEELER), v.events());
        assertEquals("ON WHEELS", v.reasons().get(1).matched());
    }

    @Test
    void uploadOfWatchedImageRaisesCvi() {
        lists.add(ListKind.CVI, FR, "Fichier:Logo.svg", "cible fréquente");
        Verdict v = check(Changes.log("upload", "overwrite", "Alice", "Fichier:Logo.svg"));
        assertEquals(bits(Event.UPLOAD, Event.CVI), v.events());
        assertEquals("cible fréquente", v.reasons().get(1).entry().reason());
    }

    @Test
    void watchedImageListedWithoutPrefixStillMatches() {
        lists.add(ListKind.CVI, FR, "Logo.svg", "");
        assertEquals(bits(Event.UPLOAD, Event.CVI), check(Changes.log("upload", "upload", "A", "File:Logo.svg")).events());
    }

    @Test
    void changeToWatchedPageRaisesCvp() {
        lists.add(ListKind.CVP, FR, "Emmanuel Macron", "BLP");
        Verdict v = check(Changes.edit("Emmanuel_Macron", "Alice", 4));
        assertEquals(bits(Event.CVP), v.events());
        assertEquals("BLP", v.reasons().get(0).entry().reason());
    }

    @Test
    void moveDeleteAndProtectOfWatchedPageRaiseCvp() {
        lists.add(ListKind.CVP, Entry.GLOBAL, "Paris", "");
        assertEquals(bits(Event.MOVE, Event.CVP), check(Changes.move("Alice", "Paris", "Lutèce")).events());
        assertEquals(bits(Event.MOVE, Event.CVP), check(Changes.move("Alice", "Lutèce", "Paris")).events());
        assertEquals(bits(Event.DELETE, Event.CVP), check(Changes.log("delete", "delete", "Sysop", "Paris")).events());
        assertEquals(bits(Event.PROTECT, Event.CVP), check(Changes.log("protect", "modify", "Sysop", "Paris")).events());
    }

    @Test
    void bigRemovalRaisesBigremoveAtTheThreshold() {
        assertEquals(bits(Event.BIGREMOVE), check(Changes.edit("Paris", "Alice", -500)).events());
        assertNull(check(Changes.edit("Paris", "Alice", -499)));
        Verdict v = check(Changes.edit("Paris", "Alice", -48213));
        assertEquals("-48213", v.reasons().get(0).matched());
    }

    @Test
    void bigNewPageRaisesBignew() {
        assertEquals(bits(Event.BIGNEW), check(Changes.newPage("Copie", "Alice", 500)).events());
        assertNull(check(Changes.newPage("Copie", "Alice", 499)));
    }

    @Test
    void tinyNewPageRaisesTinynew() {
        assertEquals(bits(Event.TINYNEW), check(Changes.newPage("Test", "Alice", 10)).events());
        assertNull(check(Changes.newPage("Test", "Alice", 11)));
    }

    @Test
    void bigAdditionRaisesBigedit() {
        assertEquals(bits(Event.BIGEDIT), check(Changes.edit("Paris", "Alice", 500)).events());
        assertNull(check(Changes.edit("Paris", "Alice", 499)));
    }

    @Test
    void sizeThresholdsFollowTheCurrentSettings() {
        set(ConfigItem.BIGEDIT, "100");
        assertEquals(bits(Event.BIGEDIT), check(Changes.edit("Paris", "Alice", 100)).events());
    }

    @Test
    void secondAdminBlockingTheSameTargetRaisesBlockconflict() {
        assertEquals(bits(Event.BLOCK), check(Changes.block("block", "AdminA", "Utilisateur:Vandal", "31 heures",
                31 * 3600)).events());
        Verdict v = patrol.check(Changes.block("unblock", "AdminB", "User:Vandal", null, LogAction.UNKNOWN).build(),
                NOW + HOUR);
        assertEquals(bits(Event.BLOCK, Event.BLOCKCONFLICT), v.events());
        assertEquals("AdminA", v.reasons().get(1).matched());
        assertEquals("AdminB", conflicts.recent(1).get(0).secondAdmin());
    }

    @Test
    void blockconflictOnlyWithinTheWindow() {
        set(ConfigItem.BLOCKCONFLICT, "2");
        check(Changes.block("block", "AdminA", "User:Vandal", "1 day", 86400));
        Verdict late = patrol.check(Changes.block("reblock", "AdminB", "User:Vandal", "1 week", 604800).build(),
                NOW + 2 * HOUR + 1);
        assertFalse(late.has(Event.BLOCKCONFLICT));
    }

    // ------------------------------------------------------------------ admins, whites, cnvp

    @Test
    void adminAndWhitelistedChangesStillRaiseEvents() {
        lists.add(ListKind.AL, FR, "Sysop", "").add(ListKind.WL, FR, "Trusted", "");
        Verdict admin = check(Changes.edit("Paris", "Sysop", -5000));
        assertEquals(EditorClass.ADMIN, admin.editor());
        assertTrue(admin.has(Event.BIGREMOVE));
        Verdict white = check(Changes.newPage("Paris 2", "Trusted", 2));
        assertEquals(EditorClass.WHITE, white.editor());
        assertTrue(white.has(Event.TINYNEW));
    }

    @Test
    void cnvpSilencesEverything() {
        lists.add(ListKind.CNVP, FR, "Wikipédia:Bac à sable", "sandbox")
                .add(ListKind.CVP, FR, "Wikipédia:Bac à sable", "")
                .add(ListKind.BL, FR, "Vandal", "")
                .add(ListKind.BES, FR, "merde", "")
                .add(ListKind.AL, FR, "Sysop", "");
        assertNull(check(Changes.edit("Wikipédia:Bac_à_sable", "Vandal", -9000).summary("merde")));
        assertNull(check(Changes.edit("Wikipédia:Bac à sable", "1.2.3.4", 9000)));
        assertNull(check(Changes.edit("Wikipédia:Bac à sable", "Sysop", -20)
                .reverts(RcEvent.SummaryKind.ROLLBACK, "1.2.3.4")));
        assertNull(check(Changes.log("delete", "delete", "Sysop", "Wikipédia:Bac à sable")));
    }

    // ------------------------------------------------------------------ automatic lists

    @Test
    void rollbackByAdminGreylistsTheRevertedUser() {
        lists.add(ListKind.AL, FR, "Sysop", "");
        Verdict v = check(Changes.edit("Paris", "Sysop", -300).reverts(RcEvent.SummaryKind.ROLLBACK, "1.2.3.4"));
        assertEquals(0, v.events());
        Entry e = v.autoEntries().get(0);
        assertEquals(new Entry(ListKind.GL, FR, "1.2.3.4", "auto", "rollback by Sysop on [[Paris]]", NOW,
                NOW + 60 * 60_000L, Entry.Source.AUTO), e);
    }

    @Test
    void undoByAdminGreylistsForGlonrollbackMinutes() {
        lists.add(ListKind.AL, Entry.GLOBAL, "Sysop", "");
        set(ConfigItem.GLONROLLBACK, "15");
        Entry e = check(Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.UNDO, "Bob")).autoEntries()
                .get(0);
        assertEquals("Bob", e.item());
        assertEquals("undo by Sysop on [[Paris]]", e.reason());
        assertEquals(NOW + 15 * 60_000L, e.expiresMillis());
    }

    @Test
    void rollbackByNonAdminListsNobody() {
        assertNull(check(Changes.edit("Paris", "Alice", -300).reverts(RcEvent.SummaryKind.ROLLBACK, "1.2.3.4")));
    }

    @Test
    void glonrollbackZeroTurnsTheRuleOff() {
        lists.add(ListKind.AL, FR, "Sysop", "");
        set(ConfigItem.GLONROLLBACK, "0");
        assertNull(check(Changes.edit("Paris", "Sysop", -300).reverts(RcEvent.SummaryKind.ROLLBACK, "1.2.3.4")));
    }

    @Test
    void whiteAdminAndBotUsersAreNeverListedAutomatically() {
        lists.add(ListKind.AL, FR, "Sysop", "").add(ListKind.AL, FR, "OtherSysop", "")
                .add(ListKind.WL, FR, "Trusted", "").add(ListKind.BOT, FR, "SomeBot", "")
                .add(ListKind.BNU, FR, "vandal", "");
        for (String reverted : List.of("OtherSysop", "Trusted", "SomeBot")) {
            assertNull(check(Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.ROLLBACK, reverted)),
                    reverted);
            Verdict block = check(Changes.block("block", "Sysop", "Utilisateur:" + reverted, "31 heures", 111600));
            assertTrue(block.autoEntries().isEmpty(), reverted);
        }
        lists.add(ListKind.WL, FR, "VandalHunter", "");
        Verdict bnu = check(Changes.log("newusers", "create2", "Sysop", "Utilisateur:VandalHunter"));
        assertTrue(bnu.has(Event.BNU));
        assertTrue(bnu.autoEntries().isEmpty());
    }

    @Test
    void bnuHitGreylistsTheNewAccount() {
        lists.add(ListKind.BNU, Entry.GLOBAL, "vandal", "");
        set(ConfigItem.GLONBNU, "30");
        Entry e = check(Changes.log("newusers", "autocreate", "Vandal2000", null)).autoEntries().get(0);
        assertEquals(new Entry(ListKind.GL, FR, "Vandal2000", "auto", "bnu: vandal", NOW, NOW + 30 * 60_000L,
                Entry.Source.AUTO), e);
    }

    @Test
    void timedBlockBlacklistsTheTargetForFactorTimesTheLength() {
        Verdict v = check(Changes.block("block", "Sysop", "Utilisateur:Vandal", "31 heures", 31 * 3600));
        Entry e = v.autoEntries().get(0);
        assertEquals(new Entry(ListKind.BL, FR, "Vandal", "auto", "blocked by Sysop for 31 heures", NOW,
                NOW + (long) (2.5 * 31 * HOUR), Entry.Source.AUTO), e);
    }

    @Test
    void reblockOfAnIpv6TargetKeepsTheWholeAddress() {
        set(ConfigItem.BLOCKBLACKLIST, "2");
        Entry e = check(Changes.block("reblock", "Sysop", "User:2001:db8::1", "1 day", 86400)).autoEntries().get(0);
        assertEquals("2001:db8::1", e.item());
        assertEquals(NOW + 2 * 24 * HOUR, e.expiresMillis());
    }

    @Test
    void blockOfUnreadableLengthUsesTheDefault() {
        Entry e = check(Changes.block("block", "Sysop", "User:Vandal", "jusqu'à la Saint-Glinglin",
                LogAction.UNKNOWN)).autoEntries().get(0);
        assertEquals(NOW + 744 * HOUR, e.expiresMillis());
        assertEquals("blocked by Sysop (unreadable length: jusqu'à la Saint-Glinglin)", e.reason());
    }

    @Test
    void indefiniteBlockListsNobody() {
        Verdict v = check(Changes.block("block", "Sysop", "User:Vandal", "indéfiniment", LogAction.INDEFINITE));
        assertEquals(bits(Event.BLOCK), v.events());
        assertTrue(v.autoEntries().isEmpty());
    }

    @Test
    void unblockListsNobody() {
        assertTrue(check(Changes.block("unblock", "Sysop", "User:Vandal", null, LogAction.UNKNOWN)).autoEntries()
                .isEmpty());
    }

    @Test
    void blockBlacklistFactorZeroTurnsTheRuleOff() {
        set(ConfigItem.BLOCKBLACKLIST, "0");
        assertTrue(check(Changes.block("block", "Sysop", "User:Vandal", "2 hours", 7200)).autoEntries().isEmpty());
    }

    @Test
    void verdictKeepsTheChange() {
        RcEvent change = Changes.edit("Paris", "1.2.3.4", 1).build();
        assertSame(change, patrol.check(change, NOW).change());
    }

    @Test
    void patrolWithMessagesUsesTheirWording() throws Exception {
        var templates = org.vigie.i18n.Templates.load(java.nio.file.Path.of("messages"), "fr");
        Patrol fr = new Patrol(lists, settings::get, conflicts, new AutoList(templates));
        Entry e = fr.check(Changes.block("block", "Sysop", "User:Vandal", "31 heures", 31 * 3600).build(), NOW)
                .autoEntries().get(0);
        assertEquals("bloqué par Sysop pour 31 heures", e.reason());
    }
}
