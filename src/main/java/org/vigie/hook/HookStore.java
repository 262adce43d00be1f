package org.vigie.hook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;

/**
 * The webhooks and their queues in H2. A queued alert is written (committed) before any attempt to deliver it and
 * removed only after the platform accepted it (2xx) or refused it for good, so that a restart, clean or not, resumes
 * where delivery stood: in order, nothing lost, nothing sent twice unless the crash fell between the platform's answer
 * and the removal.
 *
 * <p>The tables ({@code hook}, {@code hook_queue}) are the database's migration {@code db/V4.sql}.
 */
public final class HookStore {

    /** The audit area of hook changes (the URL is never audited: only the host and its last characters). */
    public static final String AUDIT_AREA = "hook";

    /** One queued alert: its queue id (increasing: the delivery order), when it was made, and its body. */
    public record Queued(long id, long createdMillis, String body) {
    }

    private final Database db;
    private final Audit audit;

    public HookStore(Database db, Audit audit) {
        this.db = db;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ hooks

    /** Every stored hook, by name. */
    public List<Hook> hooks() {
        return db.read(c -> {
            List<Hook> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name, url, format FROM hook ORDER BY name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    HookFormat f = HookFormat.fromKey(r.getString(3));
                    try {
                        out.add(new Hook(r.getString(1), r.getString(2), f == null ? HookFormat.JSON : f));
                    } catch (IllegalArgumentException e) {
                        // a row that no longer validates is left out; the caller lists what it got
                    }
                }
            }
            return out;
        });
    }

    /** Stores (or replaces) a hook, with its audit row. */
    public void save(Hook h, Actor who) {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("MERGE INTO hook(name, url, format) KEY(name) VALUES (?, ?, ?)")) {
                p.setString(1, h.name());
                p.setString(2, h.url());
                p.setString(3, h.format().key());
                p.executeUpdate();
            }
            audit.record(c, who, Audit.Action.SET, AUDIT_AREA, null, h.target(), h.target(),
                    h.format().key() + " " + h.redactedUrl(), null);
            return null;
        });
    }

    /** Removes a hook and its queue, with its audit row; false when there was no such hook. */
    public boolean delete(String name, Actor who) {
        return db.transaction(c -> {
            int n;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hook WHERE name = ?")) {
                p.setString(1, name);
                n = p.executeUpdate();
            }
            if (n == 0) {
                return false;
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hook_queue WHERE hook = ?")) {
                p.setString(1, name);
                p.executeUpdate();
            }
            audit.record(c, who, Audit.Action.DEL, AUDIT_AREA, null, "hook:" + name, "hook:" + name, null, null);
            return true;
        });
    }

    // ------------------------------------------------------------------ queues

    /** Appends alerts to a hook's queue in one commit; returns their ids, in order. */
    public long[] enqueue(String hook, List<Queued> items) {
        return db.transaction(c -> {
            long[] ids = new long[items.size()];
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO hook_queue(hook, created_millis, body) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < items.size(); i++) {
                    p.setString(1, hook);
                    p.setLong(2, items.get(i).createdMillis());
                    p.setString(3, items.get(i).body());
                    p.executeUpdate();
                    try (ResultSet k = p.getGeneratedKeys()) {
                        k.next();
                        ids[i] = k.getLong(1);
                    }
                }
            }
            return ids;
        });
    }

    /** The oldest queued alerts of a hook, at most {@code limit}, in queue order. */
    public List<Queued> head(String hook, int limit) {
        return db.read(c -> {
            List<Queued> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, created_millis, body FROM hook_queue WHERE hook = ? ORDER BY id LIMIT ?")) {
                p.setString(1, hook);
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Queued(r.getLong(1), r.getLong(2), r.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Removes delivered (or given up) alerts from the queue. */
    public void remove(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hook_queue WHERE id = ?")) {
                for (long id : ids) {
                    p.setLong(1, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** How many alerts wait for a hook. */
    public int size(String hook) {
        return db.read(c -> count(c, hook));
    }

    private static int count(Connection c, String hook) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM hook_queue WHERE hook = ?")) {
            p.setString(1, hook);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
