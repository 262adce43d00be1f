package org.vigie.wiki;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link WikiCache} in the {@code wiki_cache} table (created by {@code db/V2.sql}). */
public final class H2WikiCache implements WikiCache {

    private static final String MERGE =
            "MERGE INTO wiki_cache (wiki, kind, content, fetched_millis) KEY (wiki, kind) VALUES (?, ?, ?, ?)";
    private static final String SELECT =
            "SELECT content, fetched_millis FROM wiki_cache WHERE wiki = ? AND kind = ?";

    private final DataSource dataSource;

    public H2WikiCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(String wiki, String kind, String json, long fetchedMillis) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MERGE)) {
            ps.setString(1, wiki);
            ps.setString(2, kind);
            ps.setString(3, json);
            ps.setLong(4, fetchedMillis);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new WikiCacheException("cannot store " + kind + " of " + wiki + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Cached> load(String wiki, String kind) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, wiki);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Cached(rs.getString(1), rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw new WikiCacheException("cannot read " + kind + " of " + wiki + ": " + e.getMessage(), e);
        }
    }
}
