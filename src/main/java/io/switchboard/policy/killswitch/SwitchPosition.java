package io.switchboard.policy.killswitch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a connector's switch stands, and who put it there.
 *
 * @param on whether the connector takes calls
 * @param reason why it was switched (free text from the operator); empty when never switched
 * @param changedBy the admin token name that switched it, or null when never switched
 * @param changedAt when it was switched, or null when never switched
 */
public record SwitchPosition(
        boolean on,
        String reason,
        @Nullable String changedBy,
        @Nullable Instant changedAt) {
    /** A connector nobody has switched: on. */
    public static final SwitchPosition NEVER_SWITCHED = new SwitchPosition(true, "", null, null);
}
