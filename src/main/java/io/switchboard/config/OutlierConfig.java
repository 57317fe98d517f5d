package io.switchboard.config;

import java.time.Duration;

/**
 * When an endpoint is taken out of rotation for failing, under {@code upstream.outlier}.
 *
 * @param consecutiveFailures failures in a row (connect failures, resets, timeouts, 5xx) that eject an endpoint;
 *     default 5
 * @param ejectFor how long an ejected endpoint stays out before it gets traffic again; default 30s
 * @param maxEjected the share of endpoints that may be out at once, so a bad day never empties the group; default 50%
 */
public record OutlierConfig(int consecutiveFailures, Duration ejectFor, Percentage maxEjected) {
    public static final OutlierConfig DEFAULT = new OutlierConfig(5, Duration.ofSeconds(30), new Percentage(50));
}
