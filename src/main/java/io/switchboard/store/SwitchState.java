package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The position of one connector's red button: on or off, why, who pressed it and when.
 *
 * @param connector the connector's id
 * @param on whether the connector takes calls
 * @param reason why it was switched, as the operator wrote it; may be empty
 * @param changedBy who switched it (an admin token's name, or {@code config})
 * @param changedAt when it was switched; kept to the microsecond
 */
public record SwitchState(String connector, boolean on, String reason, String changedBy, Instant changedAt) {
    public SwitchState {
        requireNonNull(connector, "connector");
        requireNonNull(reason, "reason");
        requireNonNull(changedBy, "changedBy");
        requireNonNull(changedAt, "changedAt");
    }
}
