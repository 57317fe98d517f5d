package io.switchboard.probe;

import io.switchboard.config.CheckConfig;
import io.switchboard.store.CheckResult;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A check as it stands now, for the lamps and the admin API.
 *
 * @param connector the connector's id
 * @param config the check as configured
 * @param latest its latest result, or null before its first run
 * @param failingSince when the run that started its current failing streak ran; null while it passes
 */
public record CheckStatus(
        String connector,
        CheckConfig config,
        @Nullable CheckResult latest,
        @Nullable Instant failingSince) {

    /** Returns whether the latest run failed. */
    public boolean isFailing() {
        return latest != null && !latest.ok();
    }
}
