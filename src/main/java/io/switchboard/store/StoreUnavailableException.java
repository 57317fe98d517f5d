package io.switchboard.store;

import org.jspecify.annotations.Nullable;

/**
 * A store failure that says the database cannot be reached or cannot work for now (PostgreSQL down or refusing
 * connections, a pool with no connection to give, a SQLite file that is locked, read-only or on a full disk).
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with its message, the database's SQL state (if any) and its cause. */
    public StoreUnavailableException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, sqlState, cause);
    }
}
