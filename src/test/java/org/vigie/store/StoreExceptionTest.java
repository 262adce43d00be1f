package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The reason an operator is given for a change the database refused, read from the cause chain. */
class StoreExceptionTest {

    private static StoreException closedAfter(Exception io) {
        // as H2 reports a failed write: "database has been closed", caused by its store error, caused by the I/O error
        RuntimeException store = new RuntimeException("Writing to /data/vigie.mv.db failed; length 4096", io);
        return new StoreException(new SQLException("The database has been closed [90098-240]", "90098", 90098, store));
    }

    @Test
    void aFullDiskIsNamedUnderH2sClosedDatabase() {
        StoreException e = closedAfter(new FileSystemException("/data/vigie.mv.db", null, "No space left on device"));
        assertEquals(StoreException.Reason.DISK_FULL, e.reason());
        assertEquals("No space left on device", e.detail());
    }

    @Test
    void aReadOnlyFileSystemOrAFileWithoutWriteRightIsReadOnly() {
        assertEquals(StoreException.Reason.READ_ONLY,
                closedAfter(new FileSystemException("/data/vigie.mv.db", null, "Read-only file system")).reason());
        assertEquals(StoreException.Reason.READ_ONLY,
                closedAfter(new AccessDeniedException("/data/vigie.mv.db")).reason());
        assertEquals(StoreException.Reason.READ_ONLY,
                new StoreException(new SQLException("The database is read only [90097-240]", "90097", 90097)).reason());
    }

    @Test
    void anythingElseKeepsTheDeepestMessageOnOneLine() {
        StoreException e = new StoreException(new SQLException("Timeout trying to lock table\nLIST_ENTRY", "HYT00", 50200));
        assertEquals(StoreException.Reason.OTHER, e.reason());
        assertEquals("Timeout trying to lock table LIST_ENTRY", e.detail());
    }
}
