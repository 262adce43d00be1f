package org.vigie.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

/**
 * The audit trail: every list change, config change and dest change, with who, when and why. Rows are written inside
 * the caller's transaction, so a change and its audit row commit together or not at all.
 */
public final class Audit {

    /** What was done. Stored in lower case. */
    public enum Action {
        /** An entry added or replaced. */
        ADD,
        /** An entry removed. */
        DEL,
        /** A list refreshed from the wiki (summary row). */
        REFRESH,
        /** Entries imported from seed files (summary row). */
        IMPORT,
        /** A config item or a destination set. */
        SET;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Action of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** The area of config changes. */
    public static final String CONFIG = "config";
    /** The area of dest changes. */
    public static final String DEST = "dest";

    private static final String COLUMNS =
            "id, at_millis, nick, account, action, area, wiki, item, item_key, details, expires_millis";
    private static final int MAX_SINCE = 10_000;

    private final Database db;
    private final Clock clock;

    public Audit(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Writes one row inside the caller's transaction.
     *
     * @param area    a list command, {@link #CONFIG} or {@link #DEST}
     * @param itemKey the normalised item of a list change (config: the item's key, dest: the channel in lower case),
     *                or {@code null} for a summary row
     * @return the row's id
     */
    public long record(Connection c, Actor who, Action action, String area, String wiki, String item, String itemKey,
                       String details, Long expiresMillis) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO audit(at_millis, nick, account, host, action, area, wiki, item, item_key, details, "
                        + "expires_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, clock.millis());
            p.setString(2, cut(who.nick(), 128));
            p.setString(3, cut(who.account(), 128));
            p.setString(4, cut(who.host(), 256));
            p.setString(5, action.code());
            p.setString(6, area);
            p.setString(7, wiki);
            p.setString(8, item);
            p.setString(9, itemKey);
            p.setString(10, cut(details, 2048));
            if (expiresMillis == null) {
                p.setNull(11, Types.BIGINT);
            } else {
                p.setLong(11, expiresMillis);
            }
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * The changes of one item on any list, newest first: a user or title written in any equivalent form, a word, or an
     * account. Config and dest rows are found by their item's key or channel (any case).
     */
    public List<AuditRow> history(String item, int max) {
        String userKey = Lists.key(ListKind.BL, item);
        String wordKey = Lists.key(ListKind.BNU, item);
        String accountKey = Lists.key(ListKind.ACLO, item);
        String pageKey = Lists.key(ListKind.CVP, item);
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM audit "
                    + "WHERE item_key IN (?, ?, ?, ?) ORDER BY id DESC LIMIT ?")) {
                p.setString(1, userKey);
                p.setString(2, wordKey);
                p.setString(3, accountKey);
                p.setString(4, pageKey);
                p.setInt(5, Math.max(0, max));
                return rows(p);
            }
        });
    }

    /** The id of the newest row, or 0. */
    public long latestId() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM audit")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** How many rows there are after that id. */
    public long countSince(long id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM audit WHERE id > ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The rows after that id, oldest first (at most 10,000 at a time). */
    public List<AuditRow> since(long id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit WHERE id > ? ORDER BY id LIMIT " + MAX_SINCE)) {
                p.setLong(1, id);
                return rows(p);
            }
        });
    }

    private static List<AuditRow> rows(PreparedStatement p) throws SQLException {
        List<AuditRow> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long exp = rs.getLong(11);
                Long expires = rs.wasNull() ? null : exp;
                out.add(new AuditRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Action.of(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), expires));
            }
        }
        return out;
    }
}
