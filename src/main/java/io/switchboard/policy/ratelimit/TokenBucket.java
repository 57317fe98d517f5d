package io.switchboard.policy.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free token bucket: {@code capacity} tokens, refilled one every {@code intervalNanos}, kept as a single
 * "theoretical arrival time" (the generic cell rate algorithm, GCRA) in one {@link AtomicLong}.
 *
 * <p>The bucket holds as many tokens as fit between now and the theoretical arrival time: taking a token moves that
 * time forward by one interval, and the bucket is empty when it lies a whole capacity ahead of now. That is exactly a
 * token bucket, with one compare-and-set per call and no refill task.
 */
final class TokenBucket {
    private final Clock clock;
    private final long intervalNanos;
    private final long capacityNanos;
    private final long capacity;
    private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);

    TokenBucket(long capacity, long intervalNanos, Clock clock) {
        this.clock = clock;
        this.capacity = Math.max(1, capacity);
        this.intervalNanos = Math.max(1, intervalNanos);
        this.capacityNanos = capacityNanos(this.capacity, this.intervalNanos);
    }

    private static long capacityNanos(long capacity, long intervalNanos) {
        try {
            return Math.multiplyExact(capacity, intervalNanos);
        } catch (ArithmeticException e) {
            // Centuries of tokens: any large value will do, as long as adding "now" to it cannot overflow.
            return Long.MAX_VALUE / 4;
        }
    }

    /** Takes one token; returns 0 when it did, otherwise the nanoseconds until one is available (taking nothing). */
    long tryTake() {
        long now = now();
        while (true) {
            long current = theoreticalArrival.get();
            long next = start(current, now) + intervalNanos;
            long excess = next - now - capacityNanos;
            if (excess > 0) {
                return excess;
            }
            if (theoreticalArrival.compareAndSet(current, next)) {
                return 0;
            }
        }
    }

    /** Returns the whole tokens in the bucket now. */
    long available() {
        long now = now();
        long used = start(theoreticalArrival.get(), now) - now;
        return Math.max(0, Math.min(capacity, (capacityNanos - used) / intervalNanos));
    }

    /** Returns how many tokens the bucket holds when full. */
    long capacity() {
        return capacity;
    }

    private long start(long theoretical, long now) {
        // The arrival time never lies more than a capacity ahead of now; if it does, the wall clock went back, and
        // holding every call until it catches up (maybe hours) would be worse than refilling the bucket once.
        if (theoretical == Long.MIN_VALUE || theoretical - now > capacityNanos) {
            return now;
        }
        return Math.max(theoretical, now);
    }

    private long now() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
