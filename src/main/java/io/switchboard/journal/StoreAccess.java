package io.switchboard.journal;

import io.switchboard.store.Store;
import io.switchboard.store.StoreException;

/** How the journal reaches the store: the open store now, or why there is none. */
@FunctionalInterface
public interface StoreAccess {
    /** Returns the open store; throws (quickly) when it is not open. */
    Store store() throws StoreException;
}
