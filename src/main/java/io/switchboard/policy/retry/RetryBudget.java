package io.switchboard.policy.retry;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A retry budget over a sliding window of ten seconds, as in Envoy and Finagle: retries may be at most {@code ratio}
 * times the first attempts in the window plus {@code minPerSecond} times ten.
 *
 * <p>One connector's budget is shared by every event loop, so it is lock-free: one bucket per second of the window for
 * first attempts and one for retries, each an {@code AtomicLong} holding the bucket's second in its high bits and its
 * count in its low bits. A bucket from an older second is reset by the first writer of the new second with one
 * compare-and-set, so no count is lost at the turn of a second.
 */
final class RetryBudget {
    /** The length of the sliding window in seconds. */
    static final int WINDOW_SECONDS = 10;

    private static final int COUNT_BITS = 28;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final Clock clock;
    private final double ratio;
    private final long floor;
    private final AtomicLongArray firstAttempts = new AtomicLongArray(WINDOW_SECONDS);
    private final AtomicLongArray retries = new AtomicLongArray(WINDOW_SECONDS);

    /**
     * Creates a budget.
     *
     * @param ratio the share of first attempts that may be retried, from 0 to 1
     * @param minPerSecond retries always allowed per second of the window, whatever the ratio
     * @param clock the source of the current second
     */
    RetryBudget(double ratio, int minPerSecond, Clock clock) {
        this.clock = clock;
        this.ratio = ratio;
        this.floor = (long) Math.max(0, minPerSecond) * WINDOW_SECONDS;
    }

    /** Counts a call's first attempt; it adds to what may be retried. */
    void recordFirstAttempt() {
        increment(firstAttempts, currentSecond());
    }

    /** Takes one retry from the budget; returns false, taking nothing, when the budget is spent. */
    boolean tryAcquireRetry() {
        long second = currentSecond();
        double allowed = ratio * sum(firstAttempts, second) + floor;
        // Check then add: racing threads may overshoot by at most one retry each, which a budget can live with.
        if (sum(retries, second) + 1 > allowed) {
            return false;
        }
        increment(retries, second);
        return true;
    }

    /** Returns the first attempts counted in the window. */
    long firstAttempts() {
        return sum(firstAttempts, currentSecond());
    }

    /** Returns the retries taken in the window. */
    long retries() {
        return sum(retries, currentSecond());
    }

    private long currentSecond() {
        // Seconds before 1970 would not fit the packing; a clock set there is broken anyway.
        return Math.max(0, Math.floorDiv(clock.millis(), 1000L));
    }

    private static void increment(AtomicLongArray buckets, long second) {
        int index = (int) (second % WINDOW_SECONDS);
        while (true) {
            long current = buckets.get(index);
            long next;
            if (current >>> COUNT_BITS == second) {
                // Saturate rather than overflow into the second: 268 million calls a second is not a real load.
                next = (current & COUNT_MASK) == COUNT_MASK ? current : current + 1;
            } else {
                next = (second << COUNT_BITS) | 1;
            }
            if (current == next || buckets.compareAndSet(index, current, next)) {
                return;
            }
        }
    }

    private static long sum(AtomicLongArray buckets, long second) {
        long total = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            long bucket = buckets.get(i);
            long age = second - (bucket >>> COUNT_BITS);
            // A bucket from a later second means the clock went back; it is ignored until overwritten.
            if (age >= 0 && age < WINDOW_SECONDS) {
                total += bucket & COUNT_MASK;
            }
        }
        return total;
    }
}
