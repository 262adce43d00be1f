package org.vigie.store;

import java.sql.SQLException;

/** The database failed (I/O, lock, lost connection). The change it carried was not made. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    public StoreException(String message, Exception cause) {
        super(message, cause);
    }
}
