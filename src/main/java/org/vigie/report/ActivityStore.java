package org.vigie.report;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.vigie.store.Database;

/**
 * Hourly counters for the reports, in H2: {@code (hour_millis, wiki, kind, name) → n}. Kinds: {@code changes} (read),
 * {@code alerted} (changes that some destination took), {@code raised} (changes that raised events), {@code event}
 * (name: the event), {@code user} and {@code page} (name: who or what, counted when alerted), {@code reconnect} and
 * {@code silent} (wiki {@code *}: feed reconnections, minutes without a line). The table is the database's migration
 * {@code db/V4.sql}.
 */
public final class ActivityStore {

    public static final long HOUR = 3_600_000L;

    private final Database db;

    public ActivityStore(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    private record Key(String wiki, String kind, String name) {
    }

    /** Adds what the engine saw to the hour of {@code nowMillis}; plus feed figures (reconnections, silent minutes). */
    public void add(Activity.Drained d, long reconnects, long silentMinutes, long nowMillis) {
        Map<Key, Long> m = new HashMap<>();
        d.changes().forEach((wiki, n) -> m.merge(new Key(cut(wiki, 64), "changes", ""), n, Long::sum));
        d.raised().forEach((wiki, n) -> m.merge(new Key(cut(wiki, 64), "raised", ""), n, Long::sum));
        d.events().forEach((wiki, byEvent) -> byEvent.forEach(
                (event, n) -> m.merge(new Key(cut(wiki, 64), "event", event), n, Long::sum)));
        for (Activity.Raised r : d.alerted()) {
            String wiki = cut(r.wiki(), 64);
            m.merge(new Key(wiki, "alerted", ""), 1L, Long::sum);
            m.merge(new Key(wiki, "user", cut(r.user(), 255)), 1L, Long::sum);
            m.merge(new Key(wiki, "page", cut(r.title(), 255)), 1L, Long::sum);
        }
        if (reconnects > 0) {
            m.put(new Key("*", "reconnect", ""), reconnects);
        }
        if (silentMinutes > 0) {
            m.put(new Key("*", "silent", ""), silentMinutes);
        }
        if (d.overflow() > 0) {
            m.put(new Key("*", "overflow", ""), d.overflow());
        }
        if (m.isEmpty()) {
            return;
        }
        long hour = nowMillis - Math.floorMod(nowMillis, HOUR);
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "MERGE INTO activity t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(64)), "
                            + "CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT))) "
                            + "s(hour_millis, wiki, kind, name, n) "
                            + "ON t.hour_millis = s.hour_millis AND t.wiki = s.wiki AND t.kind = s.kind AND t.name = s.name "
                            + "WHEN MATCHED THEN UPDATE SET n = t.n + s.n "
                            + "WHEN NOT MATCHED THEN INSERT (hour_millis, wiki, kind, name, n) "
                            + "VALUES (s.hour_millis, s.wiki, s.kind, s.name, s.n)")) {
                for (Map.Entry<Key, Long> e : m.entrySet()) {
                    p.setLong(1, hour);
                    p.setString(2, e.getKey().wiki());
                    p.setString(3, e.getKey().kind());
                    p.setString(4, e.getKey().name());
                    p.setLong(5, e.getValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    private static String cut(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }

    /** One counter summed over the hours from {@code sinceMillis}'s hour on. */
    public record Row(String wiki, String kind, String name, long n) {
    }

    /** Every counter since a time, summed over hours. */
    public java.util.List<Row> since(long sinceMillis) {
        long hour = sinceMillis - Math.floorMod(sinceMillis, HOUR);
        return db.read(c -> {
            java.util.List<Row> out = new java.util.ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT wiki, kind, name, SUM(n) FROM activity "
                    + "WHERE hour_millis >= ? GROUP BY wiki, kind, name")) {
                p.setLong(1, hour);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    /** List changes from the audit trail since a time: who, which list, added or removed, how many. */
    public record ListChange(String who, String list, String action, long n) {
    }

    public java.util.List<ListChange> listChanges(long sinceMillis) {
        return db.read(c -> {
            java.util.List<ListChange> out = new java.util.ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT nick, area, action, COUNT(*) FROM audit "
                    + "WHERE at_millis >= ? AND action IN ('add', 'del') AND area NOT IN ('config', 'dest', 'hook') "
                    + "GROUP BY nick, area, action ORDER BY COUNT(*) DESC, nick, area, action")) {
                p.setLong(1, sinceMillis);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new ListChange(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
                    }
                }
            }
            return out;
        });
    }
}
