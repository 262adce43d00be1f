package org.vigie.wiki;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A private in-memory H2 database with the {@code db/V2.sql} resource applied, as the migrator will apply it. */
final class TestDb {

    private TestDb() {
    }

    static DataSource withV2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        runV2(ds);
        return ds;
    }

    static void runV2(DataSource ds) {
        String sql;
        try (InputStream in = TestDb.class.getResourceAsStream("/db/V2.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/V2.sql is not on the class path");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
