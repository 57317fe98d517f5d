package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether the store answered its last call, since when, and what went wrong if it did not; for {@code /health/ready}
 * and for the {@code store-outage} event.
 *
 * @param available whether the last call to the store reached it
 * @param since when the store became available (or was opened), or when it became unavailable
 * @param problem the message of the failure that made it unavailable; null while it is available
 */
public record StoreStatus(
        boolean available, Instant since, @Nullable String problem) {
    public StoreStatus {
        requireNonNull(since, "since");
    }

    static StoreStatus availableSince(Instant since) {
        return new StoreStatus(true, since, null);
    }

    static StoreStatus unavailableSince(Instant since, String problem) {
        return new StoreStatus(false, since, problem);
    }
}
