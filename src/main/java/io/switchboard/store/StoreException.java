package io.switchboard.store;

import org.jspecify.annotations.Nullable;

/**
 * A checked failure of the store: a statement or a migration failed. Its message names the store (never its password)
 * and, where the database gave one, the SQL state.
 *
 * <p>{@link StoreUnavailableException}, a subtype, means the database could not be reached or could not do its work
 * for now (down, refusing connections, disk full, locked); trying again later may succeed.
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    private final @Nullable String sqlState;

    /** Creates a failure with its message, the database's SQL state (if any) and its cause. */
    public StoreException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** Returns the SQL state the database reported (such as {@code 08001}), or null when it gave none. */
    public @Nullable String sqlState() {
        return sqlState;
    }
}
