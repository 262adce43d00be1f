package org.vigie.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 database: a small connection pool, the schema migrations, and an orderly {@code SHUTDOWN}.
 *
 * <p>URLs: {@code jdbc:h2:file:./data/vigie} (one instance), {@code jdbc:h2:tcp://host:9092/vigie} (several instances
 * sharing one database through an H2 TCP server), {@code jdbc:h2:mem:name} (tests). {@code WRITE_DELAY=0} (an
 * acknowledged command survives a crash) and {@code DB_CLOSE_ON_EXIT=FALSE} (H2's own shutdown hook races with
 * writers; {@link #close} shuts down instead) are added when the URL does not set them.
 *
 * <p>Migrations: resources {@code /db/V1.sql}, {@code /db/V2.sql}, … are applied in order, each once, recorded in
 * {@code schema_version}; the first missing number ends the list. Statements are separated by a {@code ;} at the end of
 * a line, {@code --} starts a comment line, and every statement must be idempotent ({@code IF NOT EXISTS}) since two
 * instances may migrate one shared database at the same time.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 4;

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** H2's "The database has been closed" ({@code ErrorCode.DATABASE_IS_CLOSED}). */
    private static final int H2_DATABASE_IS_CLOSED = 90098;

    private final String url;
    private final String user;
    private final String password;
    /**
     * Replaced when H2 closed the database under it (a failed write: full disk, read-only file): the idle connections
     * of the old pool belong to the closed database and would fail every later unit of work, even once the disk is back.
     */
    private volatile JdbcConnectionPool pool;
    private final boolean embedded;
    private volatile boolean closed;

    private Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:tcp:")
                && !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:ssl:");
        this.pool = newPool();
    }

    private JdbcConnectionPool newPool() {
        JdbcConnectionPool p = JdbcConnectionPool.create(url, user, password);
        p.setMaxConnections(POOL_SIZE);
        return p;
    }

    /**
     * After H2 closed the database (it does on a failed write), a new pool: the next connection opens the database
     * again from its file, as a restart would. Only the first thread to see the old pool fail replaces it.
     */
    private synchronized void renew(JdbcConnectionPool failed, SQLException why) {
        if (pool != failed || closed) {
            return;
        }
        pool = newPool();
        failed.dispose();
        LOG.warn("database: H2 closed the database after a failed write ({}); its connections are dropped, the next "
                + "unit of work reopens it", new StoreException(why).detail());
    }

    private static boolean databaseClosed(SQLException ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_IS_CLOSED) {
                return true;
            }
        }
        return false;
    }

    /** Opens the database with H2's default account ({@code sa}, empty password) and migrates it. */
    public static Database open(String url) {
        return open(url, "sa", "");
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @throws StoreException when it cannot be opened (in use by another process, wrong password…) or migrated
     */
    public static Database open(String url, String user, String password) {
        Database db = new Database(withRequiredSettings(url), user, password);
        try {
            db.migrate();
        } catch (RuntimeException ex) {
            db.pool.dispose();
            throw ex;
        }
        return db;
    }

    /**
     * The URL with {@code WRITE_DELAY=0}, {@code DB_CLOSE_ON_EXIT=FALSE}, for memory {@code DB_CLOSE_DELAY=-1}, for an
     * embedded file {@code CACHE_SIZE=}{@value #CACHE_KB} (each unless the URL sets it).
     */
    static String withRequiredSettings(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("an H2 URL (jdbc:h2:…) is expected, got " + url);
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            b.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            b.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        // A memory database vanishes with its last connection; keep it until SHUTDOWN.
        if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";DB_CLOSE_DELAY=")) {
            b.append(";DB_CLOSE_DELAY=-1");
        }
        // An embedded file database: H2's page cache may otherwise grow to 16 MiB of heap, filled over hours by the
        // hourly report counters and the list tables that the engine never reads (its lists live in memory)
        if (!upper.startsWith("JDBC:H2:MEM:") && !upper.startsWith("JDBC:H2:TCP:")
                && !upper.startsWith("JDBC:H2:SSL:") && !upper.contains(";CACHE_SIZE=")) {
            b.append(";CACHE_SIZE=").append(CACHE_KB);
        }
        return b.toString();
    }

    /** H2's page cache of an embedded file database, in KB, unless the URL sets {@code CACHE_SIZE}. */
    static final int CACHE_KB = 4096;

    /** The URL in use (with the settings added). */
    public String url() {
        return url;
    }

    /** A connection from the pool, in auto-commit mode; close it to give it back. */
    public Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("database closed");
        }
        return pool.getConnection();
    }

    /** The pool as a DataSource, for adapters that take one (the wiki cache): always the current pool. */
    public javax.sql.DataSource dataSource() {
        return new CurrentPool();
    }

    /**
     * Runs work in one transaction: commits if it returns, rolls back if it throws. When H2 had closed the database (a
     * failed write before this one), the pool is renewed and the work runs once more on the reopened database: on a
     * closed database nothing of the first attempt was written.
     */
    public <T> T transaction(Work<T> work) {
        JdbcConnectionPool p = pool;
        try {
            return transactionOnce(work);
        } catch (StoreException ex) {
            if (ex.getCause() instanceof SQLException sql && databaseClosed(sql)) {
                renew(p, sql);
                return transactionOnce(work);
            }
            throw ex;
        }
    }

    private <T> T transactionOnce(Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException ex) {
                rollbackQuietly(c, ex);
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException ex) {
            throw new StoreException(ex);
        }
    }

    /** Runs work in auto-commit mode (reads, single statements); once more on a renewed pool, as {@link #transaction}. */
    public <T> T read(Work<T> work) {
        JdbcConnectionPool p = pool;
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException ex) {
            if (!databaseClosed(ex)) {
                throw new StoreException(ex);
            }
            renew(p, ex);
        }
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException ex) {
            throw new StoreException(ex);
        }
    }

    /** A DataSource that always hands out connections of the current pool. */
    private final class CurrentPool implements javax.sql.DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connection();
        }

        @Override
        public Connection getConnection(String u, String pw) throws SQLException {
            return connection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException ex) {
            cause.addSuppressed(ex);
        }
    }

    /** The highest migration applied. */
    public int schemaVersion() {
        return read(Database::currentVersion);
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void migrate() {
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INT PRIMARY KEY, applied_millis BIGINT NOT NULL)");
            }
            return null;
        });
        for (int v = schemaVersion() + 1; ; v++) {
            List<String> statements = migration(v);
            if (statements == null) {
                return;
            }
            int version = v;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "MERGE INTO schema_version(version, applied_millis) KEY(version) VALUES (?, ?)")) {
                    p.setInt(1, version);
                    p.setLong(2, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return null;
            });
            LOG.info("database schema migrated to version {}", v);
        }
    }

    /** The statements of db/V{n}.sql, or {@code null} when there is no such resource. */
    static List<String> migration(int n) {
        try (InputStream in = Database.class.getResourceAsStream("/db/V" + n + ".sql")) {
            if (in == null) {
                return null;
            }
            return statements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new StoreException("cannot read migration db/V" + n + ".sql", ex);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /**
     * Closes the pool. An embedded database (file or memory) is shut down first with {@code SHUTDOWN}; a shared one
     * ({@code tcp:}) is left running for the other instances: its server owns it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (embedded) {
            try {
                Connection c = pool.getConnection();
                // Not closed afterwards: SHUTDOWN has killed it, and giving a dead connection back to the pool makes
                // H2 trace an error. Closing the pool first instead lets H2 close the store itself, which traces too.
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            } catch (SQLException ex) {
                LOG.warn("database shutdown failed: {}", ex.getMessage());
            }
        }
        pool.dispose();
    }
}
