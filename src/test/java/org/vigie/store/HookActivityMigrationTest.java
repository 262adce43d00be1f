package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.hook.Hook;
import org.vigie.hook.HookFormat;
import org.vigie.hook.HookStore;
import org.vigie.report.ActivityStore;
import org.vigie.testutil.TestClock;

/**
 * The webhook and report tables are migration 4. Before it, their stores created them at start ({@code CREATE TABLE IF
 * NOT EXISTS}), so a database made by that version already has them, with queued alerts and counters in them: on such
 * a database file the migration succeeds, keeps every row and the queue's order, and the stores go on with it.
 */
class HookActivityMigrationTest {

    private static final long T0 = 1_750_000_000_000L;

    /** What HookStore and ActivityStore ran at start before migration 4 (main at 9b1809c), word for word. */
    private static final List<String> STORE_STATEMENTS_BEFORE = List.of(
            "CREATE TABLE IF NOT EXISTS hook (name VARCHAR(32) PRIMARY KEY, "
                    + "url VARCHAR(2048) NOT NULL, format VARCHAR(16) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS hook_queue (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "hook VARCHAR(32) NOT NULL, created_millis BIGINT NOT NULL, body CLOB NOT NULL)",
            "CREATE INDEX IF NOT EXISTS hook_queue_by_hook ON hook_queue(hook, id)",
            "CREATE TABLE IF NOT EXISTS activity (hour_millis BIGINT NOT NULL, wiki VARCHAR(64) NOT NULL, "
                    + "kind VARCHAR(16) NOT NULL, name VARCHAR(255) NOT NULL, n BIGINT NOT NULL, "
                    + "PRIMARY KEY (hour_millis, wiki, kind, name))");

    @TempDir
    Path dir;

    /** A database file as the version before migration 4 left it: schema version 3, the stores' tables, rows in them. */
    private String databaseMadeByThePreviousVersion() throws Exception {
        String url = Database.withRequiredSettings("jdbc:h2:file:" + dir.resolve("vigie").toAbsolutePath());
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_millis BIGINT NOT NULL)");
            for (int v = 1; v <= 3; v++) {
                for (String sql : Database.migration(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + v + ", " + T0 + ")");
            }
            for (String sql : STORE_STATEMENTS_BEFORE) {
                s.execute(sql);
            }
            s.execute("INSERT INTO hook VALUES ('fr-discord', 'https://discord.com/api/webhooks/1/abcd', 'discord')");
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO hook_queue(hook, created_millis, body) VALUES ('fr-discord', ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    p.setLong(1, T0 + i);
                    p.setString(2, "{\"alert\":" + i + "}");
                    p.executeUpdate();
                }
            }
            s.execute("INSERT INTO activity VALUES (" + (T0 / ActivityStore.HOUR * ActivityStore.HOUR)
                    + ", 'fr.wikipedia', 'changes', '', 1234)");
            s.execute("SHUTDOWN");
        }
        return url;
    }

    @Test
    void aDatabaseWhoseStoresMadeTheTablesIsMigratedAndKeepsItsQueueAndCounters() throws Exception {
        String url = databaseMadeByThePreviousVersion();
        try (Database db = Database.open(url)) {
            assertEquals(4, db.schemaVersion());
            HookStore hooks = new HookStore(db, new Audit(db, new TestClock(T0)));
            assertEquals(List.of(new Hook("fr-discord", "https://discord.com/api/webhooks/1/abcd", HookFormat.DISCORD)),
                    hooks.hooks());
            List<HookStore.Queued> queued = hooks.head("fr-discord", 10);
            assertEquals(List.of("{\"alert\":1}", "{\"alert\":2}", "{\"alert\":3}"),
                    queued.stream().map(HookStore.Queued::body).toList(), "in order, nothing lost");
            long[] ids = hooks.enqueue("fr-discord", List.of(new HookStore.Queued(0, T0 + 9, "{\"alert\":4}")));
            assertTrue(ids[0] > queued.get(2).id(), "new alerts queue after the old ones");

            List<ActivityStore.Row> rows = new ActivityStore(db).since(T0 - ActivityStore.HOUR);
            assertEquals(List.of(new ActivityStore.Row("fr.wikipedia", "changes", "", 1234)), rows);
        }
        try (Database again = Database.open(url)) {
            assertEquals(4, again.schemaVersion(), "migrated once");
            assertEquals(4, new HookStore(again, new Audit(again, new TestClock(T0))).size("fr-discord"));
        }
    }

    @Test
    void aNewDatabaseHasTheTablesBeforeAnyStoreIsMade() {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("fresh").toAbsolutePath())) {
            List<String> tables = db.read(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
                             + "table_name IN ('HOOK', 'HOOK_QUEUE', 'ACTIVITY') ORDER BY table_name")) {
                    List<String> out = new java.util.ArrayList<>();
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                    return out;
                }
            });
            assertEquals(List.of("ACTIVITY", "HOOK", "HOOK_QUEUE"), tables);
        }
    }
}
