package io.switchboard.demo;

import java.time.Duration;

/**
 * The demo's sizes and timings: how much the SMS accounts hold, how often the gateway reads their balance, how long the
 * data feed's cycle is. At speed 1 the first SMS account runs dry about two and a half minutes into the demo's traffic;
 * a speed of N makes it all happen N times sooner (for tests and the impatient), while the traffic stays as gentle.
 *
 * @param speed how many times sooner than normal things happen
 * @param alphaBalance the units sms-alpha starts with
 * @param alphaWarnBelow sms-alpha's balance under which its lamp turns yellow
 * @param betaBalance the units sms-beta starts with
 * @param probeEvery how often the gateway reads the SMS balances and pings the couriers
 * @param feedCycle the data feed's cycle of calm and burst
 * @param breakerOpenFor how long the data feed's circuit breaker stays open before probing
 */
public record DemoSettings(
        int speed,
        long alphaBalance,
        long alphaWarnBelow,
        long betaBalance,
        Duration probeEvery,
        Duration feedCycle,
        Duration breakerOpenFor) {
    /** The fastest speed the demo accepts. */
    public static final int MAX_SPEED = 100;

    /** Returns the settings at {@code speed}, from 1 (normal) to {@link #MAX_SPEED}. */
    public static DemoSettings at(int speed) {
        if (speed < 1 || speed > MAX_SPEED) {
            throw new IllegalArgumentException("speed must be from 1 to " + MAX_SPEED + ": " + speed);
        }
        long alpha = Math.max(10, 150 / speed);
        return new DemoSettings(
                speed,
                alpha,
                Math.max(3, alpha / 3),
                100_000,
                atLeast(Duration.ofSeconds(5).dividedBy(speed), Duration.ofMillis(200)),
                atLeast(Duration.ofSeconds(120).dividedBy(speed), Duration.ofSeconds(8)),
                atLeast(Duration.ofSeconds(10).dividedBy(speed), Duration.ofSeconds(2)));
    }

    private static Duration atLeast(Duration duration, Duration floor) {
        return duration.compareTo(floor) < 0 ? floor : duration;
    }
}
