package org.vigie.store;

import org.vigie.testutil.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

class ListStoreTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final Actor ALICE = new Actor("Alice", "alice", "user/alice");
    private static final Actor BOB = new Actor("Bob", null, "bob.example.org");

    private final TestClock clock = new TestClock(T0);
    private Database db;
    private Audit audit;
    private ListStore store;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
        audit = new Audit(db, clock);
        store = new ListStore(db, audit, new Lists(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Entry op(ListKind kind, String wiki, String item, String reason, long expires) {
        return new Entry(kind, wiki, item, "", reason, 0, expires, Entry.Source.OPERATOR);
    }

    private int rows(String table) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void anAdditionIsStoredAuditedAndVisibleToTheHotPath() {
        ListStore.AddResult r = store.add(op(ListKind.BL, "*", "Vandale123", "vandalisme répété", T0 + 24 * HOUR), ALICE);
        assertTrue(r.isNew());
        assertEquals("Alice (alice)", r.entry().adder());
        assertEquals(T0, r.entry().addedMillis());
        assertEquals(r.entry(), store.lists().find(ListKind.BL, "fr.wikipedia", "vandale123", T0));
        assertEquals(1, rows("list_entry"));

        List<AuditRow> h = store.history("vandale123", 10);
        assertEquals(1, h.size());
        AuditRow a = h.get(0);
        assertEquals(Audit.Action.ADD, a.action());
        assertEquals("bl", a.area());
        assertEquals("*", a.wiki());
        assertEquals("Vandale123", a.item());
        assertEquals("Alice", a.nick());
        assertEquals("alice", a.account());
        assertEquals("vandalisme répété", a.details());
        assertEquals(T0 + 24 * HOUR, a.expiresMillis());
        assertEquals(T0, a.atMillis());
    }

    @Test
    void addingAgainReplacesAndReportsThePreviousEntry() {
        store.add(op(ListKind.WL, "*", "GentilContributeur", "confiance", Entry.NEVER), ALICE);
        clock.advance(1000);
        ListStore.AddResult r = store.add(op(ListKind.WL, "", "gentilContributeur", "toujours", Entry.NEVER), BOB);
        assertFalse(r.isNew());
        assertEquals("confiance", r.previous().reason());
        assertEquals("Bob", r.entry().adder());
        assertEquals(1, rows("list_entry"));
        assertEquals("toujours", store.find(ListKind.WL, "en.wikipedia", "GentilContributeur").reason());
        List<AuditRow> h = store.history("GentilContributeur", 10);
        assertEquals(2, h.size());
        assertEquals("Bob", h.get(0).nick(), "newest first");
        assertEquals(1, store.history("GentilContributeur", 1).size());
    }

    @Test
    void replacingAnExpiredEntryCountsAsNew() {
        store.add(op(ListKind.BL, "*", "Foo", "", T0 + HOUR), ALICE);
        clock.advance(2 * HOUR);
        assertTrue(store.add(op(ListKind.BL, "*", "Foo", "again", Entry.NEVER), ALICE).isNew());
    }

    @Test
    void refusedEntriesWriteNothing() {
        assertEquals("invalid regular expression /h[a4ck/: Unclosed character class near index 5",
                assertThrows(IllegalArgumentException.class,
                        () -> store.add(op(ListKind.BNU, "*", "/h[a4ck/", "", Entry.NEVER), ALICE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.add(op(ListKind.BL, "*", "  ", "", Entry.NEVER), ALICE));
        assertThrows(IllegalArgumentException.class, () -> store.add(op(ListKind.BL, "*", "___", "", Entry.NEVER), ALICE));
        assertThrows(IllegalArgumentException.class,
                () -> store.add(op(ListKind.BL, "*", "Foo\r\nPRIVMSG", "", Entry.NEVER), ALICE));
        assertThrows(IllegalArgumentException.class, () -> store.add(op(ListKind.BL, "*", "Foo", "", T0), ALICE));
        assertThrows(IllegalArgumentException.class,
                () -> store.add(op(ListKind.BL, "fr wikipedia", "Foo", "", Entry.NEVER), ALICE));
        assertThrows(IllegalArgumentException.class,
                () -> store.add(op(ListKind.BL, "*", "x".repeat(513), "", Entry.NEVER), ALICE));
        assertEquals(0, rows("list_entry"));
        assertEquals(0, rows("audit"));
        assertEquals(0, store.size());
    }

    @Test
    void wikisAndReasonsAreStoredInACleanForm() {
        Entry e = store.add(op(ListKind.CVP, "FR.Wikipedia.org", " Tour_Eiffel ", "cible\u0003 fréquente\n", Entry.NEVER),
                ALICE).entry();
        assertEquals("fr.wikipedia", e.wiki());
        assertEquals("Tour_Eiffel", e.item());
        assertEquals("cible  fréquente", e.reason());
        assertNotNull(store.find(ListKind.CVP, "fr.wikipedia", "Tour Eiffel"));
    }

    @Test
    void removalDeletesAuditsAndStopsMatching() {
        store.add(op(ListKind.CVP, "fr.wikipedia", "Tour Eiffel", "cible", Entry.NEVER), ALICE);
        Entry removed = store.remove(ListKind.CVP, "fr.wikipedia", "tour_Eiffel", BOB);
        assertEquals("Tour Eiffel", removed.item());
        assertNull(store.find(ListKind.CVP, "fr.wikipedia", "Tour Eiffel"));
        assertEquals(0, rows("list_entry"));
        AuditRow del = store.history("Tour Eiffel", 10).get(0);
        assertEquals(Audit.Action.DEL, del.action());
        assertEquals("Bob", del.nick());
        assertNull(store.remove(ListKind.CVP, "fr.wikipedia", "Tour Eiffel", BOB));
        assertNull(store.remove(ListKind.CVP, "*", "Tour Eiffel", BOB), "the global list is another list");
        assertEquals(2, rows("audit"));
    }

    @Test
    void expiredEntriesStopMatchingAtOnceAndTheSweepDeletesThem() {
        store.add(op(ListKind.BL, "*", "Temp", "", T0 + HOUR), ALICE);
        store.add(op(ListKind.BES, "*", "nul", "", T0 + HOUR), ALICE);
        store.add(op(ListKind.BL, "*", "Forever", "", Entry.NEVER), ALICE);
        clock.advance(HOUR);
        assertNull(store.find(ListKind.BL, "fr.wikipedia", "Temp"));
        assertNull(store.lists().findWord(ListKind.BES, "fr.wikipedia", "c'est nul", clock.millis()));
        assertEquals(3, store.size());
        assertEquals(2, store.sweep(clock.millis()));
        assertEquals(1, store.size());
        assertEquals(1, rows("list_entry"));
        assertEquals(3, rows("audit"), "expiry is not a change by anyone");
        assertNull(store.remove(ListKind.BL, "*", "Temp", ALICE));
    }

    @Test
    void aRefreshFromTheWikiNeverTouchesOperatorEntries() {
        store.add(op(ListKind.AL, "fr.wikipedia", "OpAdmin", "ajouté à la main", Entry.NEVER), ALICE);
        Actor refresh = Actor.system("wiki refresh");
        ListStore.RefreshResult r1 = store.replaceFromWiki(ListKind.AL, "fr.wikipedia",
                Set.of("Alpha", "Beta", "OpAdmin"), refresh);
        assertEquals(new ListStore.RefreshResult(2, 0, 1, 3), r1);
        assertEquals(Entry.Source.WIKI, store.find(ListKind.AL, "fr.wikipedia", "Alpha").source());

        ListStore.RefreshResult r2 = store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Beta", "Gamma"), refresh);
        assertEquals(new ListStore.RefreshResult(1, 1, 0, 2), r2);
        assertNull(store.find(ListKind.AL, "fr.wikipedia", "Alpha"), "lost the right: leaves");
        assertNotNull(store.find(ListKind.AL, "fr.wikipedia", "Gamma"));
        Entry kept = store.find(ListKind.AL, "fr.wikipedia", "OpAdmin");
        assertEquals(Entry.Source.OPERATOR, kept.source(), "operator entry survives although the wiki dropped it");
        assertEquals("ajouté à la main", kept.reason());
        assertNull(store.find(ListKind.AL, "en.wikipedia", "Beta"));

        // Unchanged: nothing written.
        assertEquals(new ListStore.RefreshResult(0, 0, 0, 2),
                store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Beta", "Gamma"), refresh));
        List<AuditRow> all = audit.since(0);
        assertEquals(3, all.size(), "one addition and one summary row per changing refresh");
        assertEquals(Audit.Action.REFRESH, all.get(1).action());
        assertEquals("wiki refresh", all.get(1).nick());
        assertEquals("+2 -0, 3 on the wiki", all.get(1).details());
        assertEquals("+1 -1, 2 on the wiki", all.get(2).details());
        assertEquals(3, rows("list_entry"), "OpAdmin, Beta, Gamma");
    }

    @Test
    void globalGroupsAreReplacedLikeAWikisOwnAndCountOnEveryWiki() {
        Actor refresh = Actor.system("wiki refresh");
        store.add(op(ListKind.AL, "*", "HandPicked", "", Entry.NEVER), ALICE);
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("LocalAdmin"), refresh);

        ListStore.RefreshResult r = store.replaceFromWiki(ListKind.AL, Entry.GLOBAL, Set.of("Steward", "HandPicked"),
                refresh);
        assertEquals(1, r.added(), "the hand-picked entry is not added twice");
        assertEquals(Entry.Source.WIKI, store.find(ListKind.AL, "de.wikipedia", "Steward").source());
        assertNotNull(store.find(ListKind.AL, "ja.wikipedia", "Steward"), "global: every wiki");

        store.replaceFromWiki(ListKind.AL, Entry.GLOBAL, Set.of(), refresh);
        assertNull(store.find(ListKind.AL, "de.wikipedia", "Steward"), "no longer a steward");
        assertEquals(Entry.Source.OPERATOR, store.find(ListKind.AL, "de.wikipedia", "HandPicked").source());
        assertNotNull(store.find(ListKind.AL, "fr.wikipedia", "LocalAdmin"), "a wiki's own admins are another list");
    }

    @Test
    void entriesForListsEveryListOfAUser() {
        store.add(op(ListKind.BL, "*", "Foo", "", Entry.NEVER), ALICE);
        store.replaceFromWiki(ListKind.BOT, "de.wikipedia", Set.of("Foo"), Actor.system("wiki refresh"));
        List<Entry> on = store.entriesFor("foo");
        assertEquals(Set.of(ListKind.BL, ListKind.BOT), Set.of(on.get(0).kind(), on.get(1).kind()));
    }

    @Test
    void aSecondInstanceFollowsChangesThroughTheAuditTrail() {
        Lists other = new Lists();
        ListStore second = new ListStore(db, audit, other, clock);
        second.loadAll();
        AuditFollower follower = new AuditFollower(audit, clock, audit.latestId());

        store.add(op(ListKind.BL, "*", "Spammeur", "spam", Entry.NEVER), ALICE);
        store.add(op(ListKind.BNU, "*", "/h[a4]ck[e3]r/", "", Entry.NEVER), ALICE);
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Alpha"), Actor.system("wiki refresh"));
        second.apply(follower.poll());
        assertEquals("spam", other.find(ListKind.BL, "x", "Spammeur", T0).reason());
        assertNotNull(other.findWord(ListKind.BNU, "x", "H4ck3r", T0));
        assertNotNull(other.find(ListKind.AL, "fr.wikipedia", "Alpha", T0));

        store.remove(ListKind.BL, "*", "Spammeur", ALICE);
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Beta"), Actor.system("wiki refresh"));
        second.apply(follower.poll());
        assertNull(other.find(ListKind.BL, "x", "Spammeur", T0));
        assertNull(other.find(ListKind.AL, "fr.wikipedia", "Alpha", T0));
        assertNotNull(other.find(ListKind.AL, "fr.wikipedia", "Beta", T0));
        assertTrue(follower.poll().isEmpty());
    }

    @Test
    void aChangeCommittedBetweenTheLoadAndTheFollowersStartIsNotMissed() {
        store.add(op(ListKind.BL, "*", "Avant", "", Entry.NEVER), ALICE);
        for (boolean fromSnapshot : new boolean[] {false, true}) {
            if (fromSnapshot) {
                store.saveSnapshot(audit.latestId());
                store.add(op(ListKind.GL, "*", "Rejoué", "", Entry.NEVER), ALICE);   // replayed after the snapshot
            }
            Lists other = new Lists();
            ListStore second = new ListStore(db, audit, other, clock);
            second.loadAll();
            assertEquals(audit.latestId(), second.loadedThrough(), "everything so far is in memory");
            assertNotNull(other.find(ListKind.BL, "x", "Avant", T0));
            String between = fromSnapshot ? "Entre2" : "Entre";
            // another instance commits after the load, before this one starts following
            store.add(op(ListKind.BL, "*", between, "spam", Entry.NEVER), ALICE);
            assertNull(other.find(ListKind.BL, "x", between, T0));
            AuditFollower follower = new AuditFollower(audit, clock, second.loadedThrough());
            second.apply(follower.poll());
            assertEquals("spam", other.find(ListKind.BL, "x", between, T0).reason(),
                    fromSnapshot ? "after a start from the snapshot" : "after a start from the table");
            if (fromSnapshot) {
                assertNotNull(other.find(ListKind.GL, "x", "Rejoué", T0));
            }
        }
    }

    @Test
    void aRowCommittedOutOfOrderIsStillSeen() throws Exception {
        AuditFollower follower = new AuditFollower(audit, clock, audit.latestId());
        try (Connection slow = db.connection()) {
            slow.setAutoCommit(false);
            long first = audit.record(slow, ALICE, Audit.Action.ADD, "bl", "*", "Late", "Late", "", null);
            store.add(op(ListKind.BL, "*", "Early", "", Entry.NEVER), ALICE);
            List<AuditRow> seen = follower.poll();
            assertEquals(1, seen.size());
            assertEquals("Early", seen.get(0).item());
            assertTrue(seen.get(0).id() > first);
            assertEquals(1, follower.pendingGaps());
            try (PreparedStatement p = slow.prepareStatement(
                    "INSERT INTO list_entry(kind, wiki, item_key, item, adder, reason, added_millis, expires_millis, source) "
                            + "VALUES ('bl', '*', 'Late', 'Late', 'x', '', 0, " + Long.MAX_VALUE + ", 'OPERATOR')")) {
                p.executeUpdate();
            }
            slow.commit();
            slow.setAutoCommit(true);
        }
        List<AuditRow> late = follower.poll();
        assertEquals(1, late.size());
        assertEquals("Late", late.get(0).item());
        assertEquals(0, follower.pendingGaps());
        Lists other = new Lists();
        new ListStore(db, audit, other, clock).apply(late);
        assertNotNull(other.find(ListKind.BL, "x", "Late", T0));
    }

    @Test
    void loadAllFillsMemoryWithLiveEntriesOnly() {
        store.add(op(ListKind.BL, "*", "A", "", Entry.NEVER), ALICE);
        store.add(op(ListKind.BL, "*", "B", "", T0 + HOUR), ALICE);
        store.add(op(ListKind.BNA, "fr.wikipedia", "caca", "", Entry.NEVER), ALICE);
        clock.advance(HOUR);
        Lists fresh = new Lists();
        assertEquals(2, new ListStore(db, audit, fresh, clock).loadAll());
        assertNotNull(fresh.find(ListKind.BL, "x", "A", clock.millis()));
        assertNull(fresh.find(ListKind.BL, "x", "B", T0));
        assertEquals("Caca", fresh.findWord(ListKind.BNA, "fr.wikipedia", "Caca boudin", clock.millis()).matched());
    }

    @Test
    void actorsLabelThemselves() {
        assertEquals("Alice (alice)", ALICE.label());
        assertEquals("Bob", BOB.label());
        assertTrue(Actor.system("auto: rollback").isSystem());
        assertFalse(BOB.isSystem());
        assertSame(null, Actor.system("x").account());
        assertThrows(IllegalArgumentException.class, () -> new Actor(" ", null, null));
    }
}
