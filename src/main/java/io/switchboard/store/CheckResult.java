package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run of a connector's synthetic check.
 *
 * @param connector the connector's id
 * @param check the check's name within the connector
 * @param time when the check ran; kept to the microsecond, and one result per check and microsecond
 * @param ok whether every expectation held
 * @param status the provider's HTTP status; null when no response came
 * @param latency how long the provider took to answer, kept to the microsecond; null when no response came
 * @param message what failed, or a short note when all is well
 */
public record CheckResult(
        String connector,
        String check,
        Instant time,
        boolean ok,
        @Nullable Integer status,
        @Nullable Duration latency,
        String message) {
    public CheckResult {
        requireNonNull(connector, "connector");
        requireNonNull(check, "check");
        requireNonNull(time, "time");
        requireNonNull(message, "message");
    }
}
