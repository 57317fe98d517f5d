package io.switchboard.config;

import java.time.Duration;

/**
 * A rate of requests, written in YAML as {@code 10/s}, {@code 600/m} or {@code 5000/h}.
 *
 * @param permits how many requests the period allows, at least 1
 * @param period the period the permits refill over
 */
public record Rate(int permits, Duration period) {
    public Rate {
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs at least one permit over a positive period");
        }
    }

    /** Returns the rate in requests per second. */
    public double perSecond() {
        return permits * 1_000_000_000.0 / period.toNanos();
    }
}
