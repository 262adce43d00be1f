package org.vigie.store;

import org.vigie.testutil.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

class DatabaseTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final Actor OP = new Actor("Alice", "alice", "user/alice");

    @Test
    void durabilitySettingsAreAddedWhenTheUrlLacksThem() {
        assertEquals("jdbc:h2:file:./data/vigie;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096",
                Database.withRequiredSettings("jdbc:h2:file:./data/vigie"));
        assertEquals("jdbc:h2:file:./data/vigie;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096",
                Database.withRequiredSettings("jdbc:h2:file:./data/vigie;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"));
        assertEquals("jdbc:h2:file:./data/vigie;CACHE_SIZE=65536;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                Database.withRequiredSettings("jdbc:h2:file:./data/vigie;CACHE_SIZE=65536"));
        assertEquals("jdbc:h2:tcp://localhost:9092/vigie;write_delay=0;DB_CLOSE_ON_EXIT=FALSE",
                Database.withRequiredSettings("jdbc:h2:tcp://localhost:9092/vigie;write_delay=0"));
        assertEquals("jdbc:h2:mem:t;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1",
                Database.withRequiredSettings("jdbc:h2:mem:t"));
        assertThrows(IllegalArgumentException.class, () -> Database.withRequiredSettings("jdbc:sqlite:x.db"));
    }

    @Test
    void anEmbeddedFileDatabaseKeepsAPageCacheOfFourMegabytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath())) {
            try (java.sql.Connection c = db.connection();
                 java.sql.ResultSet r = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM "
                         + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
                assertTrue(r.next());
                assertEquals("4", r.getString(1), "MiB of H2's page cache (its default: 16)");
            }
        }
    }

    @Test
    void migrationScriptsSplitOnSemicolonsAtLineEnds() {
        List<String> s = Database.statements("-- comment\nCREATE TABLE a(x INT);\n\nCREATE TABLE b(\n  y INT\n);\n");
        assertEquals(List.of("CREATE TABLE a(x INT)", "CREATE TABLE b(\n  y INT\n)"), s);
        assertNotNull(Database.migration(1));
    }

    @Test
    void aNewDatabaseIsMigratedOnceAndEveryScriptIsIdempotent() throws Exception {
        try (Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID())) {
            assertEquals(shippedMigrations(), db.schemaVersion());
            // Running every script again (as a second instance racing on a shared database would) changes nothing.
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    for (int v = 1; v <= shippedMigrations(); v++) {
                        for (String sql : Database.migration(v)) {
                            s.execute(sql);
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                        rs.next();
                        assertEquals(shippedMigrations(), rs.getInt(1));
                    }
                }
                return null;
            });
        }
    }

    @Test
    void entriesSurviveShutdownAndReopeningOfTheSameFile(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("vigie").toAbsolutePath();
        TestClock clock = new TestClock(T0);
        try (Database db = Database.open(url)) {
            assertEquals("0", db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }), "every commit reaches the disk before the command is acknowledged");
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            store.add(new Entry(ListKind.BL, "*", "Vandale123", "", "vandalisme", 0, Entry.NEVER, null), OP);
            store.add(new Entry(ListKind.BNU, "fr.wikipedia", "/h[a4]ck[e3]r/", "", "", 0, T0 + 3_600_000, null), OP);
            store.add(new Entry(ListKind.CVP, "fr.wikipedia", "Tour Eiffel", "", "", 0, T0 + 1000, null), OP);
        }
        assertTrue(Files.exists(dir.resolve("vigie.mv.db")));
        clock.advance(2000);
        try (Database db = Database.open(url)) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            assertEquals(2, store.loadAll(), "the expired cvp entry is not loaded");
            Entry bl = store.find(ListKind.BL, "fr.wikipedia", "vandale123");
            assertEquals("vandalisme", bl.reason());
            assertEquals("Alice (alice)", bl.adder());
            assertNotNull(store.lists().findWord(ListKind.BNU, "fr.wikipedia", "L33tH4ck3r", clock.millis()));
            assertNull(store.find(ListKind.CVP, "fr.wikipedia", "Tour Eiffel"));
            assertEquals(3, store.history("Vandale123", 10).size() + store.history("Tour Eiffel", 10).size()
                    + store.history("/h[a4]ck[e3]r/", 10).size());
        }
    }

    @Test
    void instancesSharingOneDatabaseOverTcpSeeEachOthersChanges(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(),
                "-ifNotExists").start();
        try {
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/shared";
            TestClock clock = new TestClock(T0);
            try (Database a = Database.open(url); Database b = Database.open(url)) {
                ListStore storeA = new ListStore(a, new Audit(a, clock), new Lists(), clock);
                Audit auditB = new Audit(b, clock);
                ListStore storeB = new ListStore(b, auditB, new Lists(), clock);
                storeB.loadAll();
                long seen = auditB.latestId();

                storeA.add(new Entry(ListKind.BL, "*", "Spammeur", "", "spam", 0, Entry.NEVER, null), OP);
                assertNull(storeB.find(ListKind.BL, "fr.wikipedia", "Spammeur"));
                seen = storeB.reloadChangesSince(seen);
                assertEquals("spam", storeB.find(ListKind.BL, "fr.wikipedia", "Spammeur").reason());

                storeA.remove(ListKind.BL, "*", "Spammeur", OP);
                storeB.reloadChangesSince(seen);
                assertNull(storeB.find(ListKind.BL, "fr.wikipedia", "Spammeur"));
            }
            // A shared database is not shut down by an instance that leaves: the server still serves it.
            try (Database again = Database.open(url)) {
                assertEquals(shippedMigrations(), again.schemaVersion());
            }
        } finally {
            server.stop();
        }
        assertFalse(Files.exists(dir.resolve("shared.mv.db.lock")));
    }

    /** How many migration scripts the build ships (db/V1.sql, db/V2.sql, …). */
    private static int shippedMigrations() {
        int n = 0;
        while (Database.class.getResource("/db/V" + (n + 1) + ".sql") != null) {
            n++;
        }
        assertTrue(n >= 1, "at least db/V1.sql is shipped");
        return n;
    }
}
