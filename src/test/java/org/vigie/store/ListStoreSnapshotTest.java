package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.testutil.TestClock;

/** The snapshot path of a start, on a real H2 file: what it loads must always equal what the table holds. */
class ListStoreSnapshotTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final Actor ALICE = new Actor("Alice", "alice", "user/alice");

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(T0);
    private String url;
    private Database db;
    private Audit audit;
    private ListStore store;

    @BeforeEach
    void open() {
        url = "jdbc:h2:file:" + dir.resolve("vigie").toAbsolutePath();
        db = Database.open(url);
        audit = new Audit(db, clock);
        store = new ListStore(db, audit, new Lists(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Entry op(ListKind kind, String wiki, String item, String reason, long expires) {
        return new Entry(kind, wiki, item, "", reason, 0, expires, Entry.Source.OPERATOR);
    }

    /** Every list, global and per wiki, operator, automatic and wiki entries, expiring or not, Unicode reasons. */
    private void fillEveryList() {
        int i = 0;
        for (ListKind k : ListKind.values()) {
            String item = switch (k.itemType()) {
                case USER -> "Éloïse " + i;
                case PAGE -> "Ça va 日本 " + i;
                case WORD -> "/h[a4]ck[e3]r" + i + "/";
                case ACCOUNT -> "compte" + i;
            };
            store.add(op(k, "*", item, "vandalisme répété — 🚫", Entry.NEVER), ALICE);
            store.add(op(k, "fr.wikipedia", item, "", T0 + (i + 1) * HOUR), ALICE);
            i++;
        }
        store.add(op(ListKind.BNU, "*", "grossièreté", "mot", Entry.NEVER), ALICE);
        store.add(new Entry(ListKind.GL, "fr.wikipedia", "Révoqué", "", "auto: rollback", 0, T0 + 24 * HOUR,
                Entry.Source.AUTO), Actor.system("auto"));
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Admin Un", "Admin Deux"), Actor.system("wiki"));
    }

    /** Every entry in memory, all lists, expired ones included. */
    private static Set<Entry> all(Lists lists) {
        Set<Entry> out = new HashSet<>();
        for (ListKind k : ListKind.values()) {
            out.addAll(lists.entries(k));
        }
        return out;
    }

    /** A fresh start on the same database: what {@link ListStore#loadAll} fills. */
    private Lists start() {
        Lists fresh = new Lists();
        new ListStore(db, audit, fresh, clock).loadAll();
        return fresh;
    }

    /** The table alone, the truth. */
    private Lists fromTable() {
        Lists fresh = new Lists();
        new ListStore(db, audit, fresh, clock).loadAllFromTable();
        return fresh;
    }

    /** A row changed behind the audit trail's back: only a read of the table sees it. */
    private void unauditedRow(String item) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO list_entry(kind, wiki, item_key, item, adder, "
                    + "reason, added_millis, expires_millis, source) VALUES ('bl', '*', ?, ?, 'x', '', 0, ?, 'OPERATOR')")) {
                p.setString(1, item);
                p.setString(2, item);
                p.setLong(3, Entry.NEVER);
                p.executeUpdate();
            }
            return null;
        });
    }

    private void setData(Function<byte[], byte[]> change) {
        db.read(c -> {
            byte[] data;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT data FROM list_snapshot WHERE id = 1")) {
                assertTrue(rs.next());
                data = rs.getBytes(1);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE list_snapshot SET data = ? WHERE id = 1")) {
                p.setBinaryStream(1, new ByteArrayInputStream(change.apply(data)));
                p.executeUpdate();
            }
            return null;
        });
    }

    private void sql(String statement) {
        db.read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
            return null;
        });
    }

    @Test
    void aStartFromTheSnapshotHoldsExactlyWhatWasInMemory() {
        fillEveryList();
        ListStore.SnapshotInfo info = store.saveSnapshot(audit.latestId());
        assertEquals(all(store.lists()).size(), info.entries());
        assertEquals(audit.latestId(), info.auditId());
        assertEquals(audit.latestId(), store.snapshotAuditId());
        assertTrue(info.bytes() > 100);

        unauditedRow("Hors Piste");
        Lists started = start();
        assertEquals(all(store.lists()), all(started));
        assertNull(started.find(ListKind.BL, "x", "Hors Piste", T0), "read from the snapshot, not from the table");
        assertNotNull(started.findWord(ListKind.BNU, "x", "quelle GROSSIÈRETÉ", T0));
        assertNotNull(started.findWord(ListKind.BNU, "fr.wikipedia", "h4ck3r8 ici", T0), "a /regex/ word compiled");
        assertEquals("vandalisme répété — 🚫", started.find(ListKind.BL, "de.wikipedia", "Éloïse 1", T0).reason());
        assertEquals(Entry.Source.WIKI, started.find(ListKind.AL, "fr.wikipedia", "Admin Un", T0).source());
        assertEquals(Entry.Source.AUTO, started.find(ListKind.GL, "fr.wikipedia", "Révoqué", T0).source());
    }

    @Test
    void auditedChangesAfterTheSnapshotAreReplayed() {
        fillEveryList();
        store.saveSnapshot(audit.latestId());
        store.add(op(ListKind.BL, "*", "Nouveau", "ajouté après", Entry.NEVER), ALICE);
        store.add(op(ListKind.BL, "*", "Éloïse 1", "motif remplacé", Entry.NEVER), ALICE);
        store.remove(ListKind.CVP, "*", "Ça va 日本 5", ALICE);
        store.remove(ListKind.BNA, "*", "/h[a4]ck[e3]r9/", ALICE);
        store.add(new Entry(ListKind.GL, "fr.wikipedia", "Autre", "", "auto: bnu", 0, T0 + HOUR, Entry.Source.AUTO),
                Actor.system("auto"));
        List<Entry> imported = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            imported.add(store.validate(op(ListKind.CVP, "de.wikipedia", "Importée " + i, "seed", Entry.NEVER), ALICE));
        }
        store.addAll(ListKind.CVP, imported, Actor.system("seed"), "cvp.txt");
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Admin Deux", "Admin Trois"), Actor.system("wiki"));
        store.add(op(ListKind.BES, "it.wikipedia", "/^spam+$/", "", Entry.NEVER), ALICE);

        Lists started = start();
        assertEquals(all(store.lists()), all(started));
        assertEquals(all(fromTable()), all(started));
        assertEquals("motif remplacé", started.find(ListKind.BL, "x", "Éloïse 1", T0).reason());
        assertNull(started.find(ListKind.AL, "fr.wikipedia", "Admin Un", T0));
        assertNull(started.findWord(ListKind.BNA, "x", "h4ck3r9", T0));
        assertNotNull(started.findWord(ListKind.BES, "it.wikipedia", "spammm", T0));
        assertEquals(50, started.entries(ListKind.CVP, "de.wikipedia").size());
    }

    @Test
    void entriesExpiredSinceTheSnapshotAreNotLoaded() {
        fillEveryList();
        store.saveSnapshot(audit.latestId());
        clock.advance(3 * HOUR);
        Lists started = start();
        assertEquals(all(fromTable()), all(started));
        assertEquals(List.of(), started.entries(ListKind.BL, "fr.wikipedia"), "expired: never loaded");
        assertNotNull(started.find(ListKind.BL, "fr.wikipedia", "Éloïse 1", clock.millis()), "the global one stays");
        assertNotNull(started.find(ListKind.BOT, "fr.wikipedia", "Éloïse 4", T0), "expires in 5 hours");
    }

    @Test
    void theSweepAndRemovingAnExpiredEntryNeedNoAudit() {
        fillEveryList();
        clock.advance(2 * HOUR);
        store.remove(ListKind.WL, "fr.wikipedia", "Éloïse 0", ALICE);  // expired: deleted without an audit row
        store.saveSnapshot(audit.latestId());
        clock.advance(HOUR);
        store.sweep(clock.millis());
        assertEquals(all(fromTable()), all(start()));
    }

    enum Damage {
        FLIPPED_BYTE, TRUNCATED, EMPTY, UNKNOWN_FORMAT_IN_ROW, UNKNOWN_FORMAT_IN_DATA, WRONG_COUNT, UNKNOWN_LIST
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedSnapshotIsIgnoredAndTheTableRead(Damage damage) {
        fillEveryList();
        store.saveSnapshot(audit.latestId());
        unauditedRow("Hors Piste");
        switch (damage) {
            case FLIPPED_BYTE -> setData(b -> {
                b[b.length / 2] ^= 1;
                return b;
            });
            case TRUNCATED -> setData(b -> Arrays.copyOf(b, b.length - 9));
            case EMPTY -> setData(b -> new byte[0]);
            case UNKNOWN_FORMAT_IN_ROW -> sql("UPDATE list_snapshot SET format = 99");
            case UNKNOWN_FORMAT_IN_DATA -> setData(b -> {
                b[7] = 99;
                return b;
            });
            case WRONG_COUNT -> sql("UPDATE list_snapshot SET entries = entries + 1");
            case UNKNOWN_LIST -> setData(b -> {
                // the first list name, "wl", becomes "zz": a list from a newer version
                String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
                int at = s.indexOf("wl");
                b[at] = 'z';
                b[at + 1] = 'z';
                return b;
            });
        }
        Lists started = start();
        assertNotNull(started.find(ListKind.BL, "x", "Hors Piste", T0), "the table was read");
        assertEquals(all(fromTable()), all(started), "and only the table");
    }

    @Test
    void aSnapshotOlderThanMemoryConverges() {
        fillEveryList();
        long before = audit.latestId();
        store.add(op(ListKind.BL, "*", "Déjà Là", "", Entry.NEVER), ALICE);
        store.remove(ListKind.BL, "*", "Éloïse 1", ALICE);
        store.saveSnapshot(before);   // memory already holds the two changes after that id: they are replayed again
        Lists started = start();
        assertEquals(all(store.lists()), all(started));
        assertNotNull(started.find(ListKind.BL, "x", "Déjà Là", T0));
        assertNull(started.find(ListKind.BL, "x", "Éloïse 1", T0));
    }

    @Test
    void aSnapshotByAnInstanceThatHasNotCaughtUpConverges() {
        fillEveryList();
        Lists lagging = new Lists();
        ListStore second = new ListStore(db, audit, lagging, clock);
        second.loadAll();
        AuditFollower follower = new AuditFollower(audit, clock, audit.latestId());
        store.add(op(ListKind.BL, "*", "Vu Plus Tard", "", Entry.NEVER), ALICE);
        store.remove(ListKind.WL, "*", "Éloïse 0", ALICE);
        assertNull(lagging.find(ListKind.BL, "x", "Vu Plus Tard", T0), "not polled yet");
        second.saveSnapshot(follower::safePosition);
        assertEquals(all(store.lists()), all(start()));
    }

    @Test
    void aRowStillInFlightBelowTheFollowersPositionIsReplayed() throws Exception {
        fillEveryList();
        Lists other = new Lists();
        ListStore second = new ListStore(db, audit, other, clock);
        second.loadAll();
        AuditFollower follower = new AuditFollower(audit, clock, audit.latestId());
        try (Connection slow = db.connection()) {
            slow.setAutoCommit(false);
            long late = audit.record(slow, ALICE, Audit.Action.ADD, "bl", "*", "Tardif", "Tardif", "", null);
            store.add(op(ListKind.BL, "*", "Rapide", "", Entry.NEVER), ALICE);
            second.follow(follower);
            assertEquals(late - 1, follower.safePosition(), "below the row awaited");
            assertTrue(follower.position() > late);
            ListStore.SnapshotInfo info = second.saveSnapshot(follower::safePosition);
            assertEquals(late - 1, info.auditId());
            try (PreparedStatement p = slow.prepareStatement("INSERT INTO list_entry(kind, wiki, item_key, item, adder, "
                    + "reason, added_millis, expires_millis, source) VALUES ('bl', '*', 'Tardif', 'Tardif', 'x', '', 0, "
                    + Long.MAX_VALUE + ", 'OPERATOR')")) {
                p.executeUpdate();
            }
            slow.commit();
            slow.setAutoCommit(true);
        }
        Lists started = start();
        assertNotNull(started.find(ListKind.BL, "x", "Tardif", T0));
        assertNotNull(started.find(ListKind.BL, "x", "Rapide", T0));
        assertEquals(all(fromTable()), all(started));
        second.follow(follower);
        assertEquals(follower.position(), follower.safePosition(), "no gap left");
    }

    @Test
    void tooManyChangesAfterTheSnapshotMakeTheStartReadTheTable() {
        fillEveryList();
        store.saveSnapshot(audit.latestId());
        unauditedRow("Hors Piste");
        sql("INSERT INTO audit(at_millis, nick, action, area) SELECT 0, 'x', 'set', 'config' FROM SYSTEM_RANGE(1, "
                + (ListStore.MAX_REPLAY + 1) + ")");
        assertNotNull(start().find(ListKind.BL, "x", "Hors Piste", T0));
    }

    @Test
    void withoutASnapshotTheTableIsRead() {
        fillEveryList();
        assertEquals(-1, store.snapshotAuditId());
        assertEquals(all(store.lists()), all(start()));
    }

    @Test
    void aNewSnapshotReplacesTheOldOne() {
        fillEveryList();
        store.saveSnapshot(audit.latestId());
        store.add(op(ListKind.BL, "*", "Nouveau", "", Entry.NEVER), ALICE);
        ListStore.SnapshotInfo second = store.saveSnapshot(audit.latestId());
        assertEquals(audit.latestId(), store.snapshotAuditId());
        unauditedRow("Hors Piste");
        Lists started = start();
        assertEquals(all(store.lists()), all(started));
        assertEquals(second.entries(), all(started).size());
        int rows = db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM list_snapshot")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void aRestartOnTheSameFileGivesTheSameLists() {
        fillEveryList();
        for (int i = 0; i < 2_000; i++) {
            store.add(op(i % 3 == 0 ? ListKind.CVP : ListKind.BL, i % 4 == 0 ? "*" : "fr.wikipedia", "Masse " + i,
                    "raison " + (i % 7), i % 5 == 0 ? T0 + 10 * HOUR : Entry.NEVER), ALICE);
        }
        Set<Entry> before = all(store.lists());
        store.saveSnapshot(audit.latestId());   // a clean stop
        db.close();

        db = Database.open(url);
        audit = new Audit(db, clock);
        Lists restarted = new Lists();
        store = new ListStore(db, audit, restarted, clock);
        assertEquals(before.size(), store.loadAll());
        assertEquals(before, all(restarted));
        assertEquals(before, all(fromTable()));
        assertFalse(restarted.entries(ListKind.CVP).isEmpty());
    }
}
