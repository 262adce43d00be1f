package org.vigie.store;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Locale;

/** The database failed (I/O, lock, lost connection). The change it carried was not made. */
public final class StoreException extends RuntimeException {

    /** Why, as far as the cause chain tells: what an operator can act on. */
    public enum Reason {
        /** The disk is full (ENOSPC, or a quota). */
        DISK_FULL,
        /** The file or its file system refuses writes (EROFS, EACCES, H2's read-only database). */
        READ_ONLY,
        /** Anything else: the detail says what. */
        OTHER
    }

    /** H2's error code for a read-only database ({@code ErrorCode.DATABASE_IS_READ_ONLY}). */
    private static final int H2_READ_ONLY = 90097;

    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    public StoreException(String message, Exception cause) {
        super(message, cause);
    }

    /** The reason found in the cause chain: an operating-system error on the file, or H2's own code for it. */
    public Reason reason() {
        for (Throwable t = this; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (s.getErrorCode() == H2_READ_ONLY) {
                    return Reason.READ_ONLY;
                }
            }
            if (t instanceof AccessDeniedException) {
                return Reason.READ_ONLY;
            }
            if (t instanceof FileSystemException f) {
                String r = String.valueOf(f.getReason()).toLowerCase(Locale.ROOT);
                if (r.contains("no space left") || r.contains("disk full") || r.contains("quota")) {
                    return Reason.DISK_FULL;
                }
                if (r.contains("read-only") || r.contains("read only") || r.contains("permission denied")) {
                    return Reason.READ_ONLY;
                }
            }
            if (t instanceof java.io.IOException io && io.getMessage() != null) {
                String m = io.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device")) {
                    return Reason.DISK_FULL;
                }
                if (m.contains("read-only file system")) {
                    return Reason.READ_ONLY;
                }
            }
        }
        return Reason.OTHER;
    }

    /**
     * The deepest message of the chain, one line: for {@link Reason#OTHER}, what the operator and the log can go on
     * (H2's "database has been closed" says less than the write error under it).
     */
    public String detail() {
        Throwable deepest = this;
        for (Throwable t = getCause(); t != null && t != deepest; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t;
            }
        }
        String m = deepest instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(deepest.getMessage());
        StringBuilder b = new StringBuilder(m.length());
        for (int i = 0; i < m.length() && b.length() < 200; i++) {
            char c = m.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }
}
