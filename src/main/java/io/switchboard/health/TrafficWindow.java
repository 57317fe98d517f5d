package io.switchboard.health;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * A connector's passive traffic statistics over the last 15 minutes, in 10-second buckets: calls, failures, refusals
 * and a latency histogram per bucket, from which rates, error rates and percentiles over any whole number of buckets
 * are read.
 *
 * <p>Recording is the hot path: it reads the clock, reads one volatile slot number and makes two or three atomic adds,
 * with no allocation. The bucket a slot holds changes every 10 seconds; the first request of a new bucket clears the
 * slot under a lock and publishes the bucket only when the slot is clear, so no later request counts into stale
 * numbers. A read sums the slots whose bucket lies inside the window and skips any that turned over while it read.
 *
 * <p>Latencies are kept to their bin (about 20% wide; see {@link LatencyBins}), so percentiles are estimates within
 * that precision.
 */
public final class TrafficWindow {
    /** The width of one bucket. */
    public static final Duration BUCKET = Duration.ofSeconds(10);

    /** How far back the window reaches. */
    public static final Duration SPAN = Duration.ofMinutes(15);

    private static final long BUCKET_MILLIS = BUCKET.toMillis();
    private static final int BUCKETS = (int) (SPAN.toMillis() / BUCKET_MILLIS);

    private static final int CALLS = 0;
    private static final int FAILED = 1;
    private static final int REFUSED = 2;
    private static final int OTHER = 3;
    private static final int FIRST_BIN = 4;
    private static final int FIELDS = FIRST_BIN + LatencyBins.COUNT;

    private final Clock clock;
    private final long startMillis;
    /** The bucket number (milliseconds since the epoch / 10 000) each slot holds; -1 before its first use. */
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
    /** Per slot, {@link #FIELDS} counters; an int holds 200 million requests a second for 10 seconds. */
    private final AtomicIntegerArray counts = new AtomicIntegerArray(BUCKETS * FIELDS);

    private TrafficWindow(Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
        for (int slot = 0; slot < BUCKETS; slot++) {
            buckets.set(slot, -1);
        }
    }

    /** Returns an empty window that starts now and reads the time from {@code clock}. */
    public static TrafficWindow start(Clock clock) {
        return new TrafficWindow(requireNonNull(clock, "clock"));
    }

    /**
     * Records a finished request.
     *
     * @param result how it counts
     * @param latencyNanos how long the caller waited for the whole answer; used for calls only
     */
    public void record(CallResult result, long latencyNanos) {
        long bucket = Math.floorDiv(clock.millis(), BUCKET_MILLIS);
        int slot = slotFor(bucket);
        if (slot < 0) {
            return;
        }
        int base = slot * FIELDS;
        switch (result) {
            case ANSWERED -> {
                counts.getAndIncrement(base + CALLS);
                counts.getAndIncrement(base + FIRST_BIN + LatencyBins.of(latencyNanos));
            }
            case FAILED -> {
                counts.getAndIncrement(base + CALLS);
                counts.getAndIncrement(base + FAILED);
                counts.getAndIncrement(base + FIRST_BIN + LatencyBins.of(latencyNanos));
            }
            case REFUSED -> counts.getAndIncrement(base + REFUSED);
            case OTHER -> counts.getAndIncrement(base + OTHER);
        }
    }

    /** Returns the slot that holds {@code bucket}, clearing it first if it held an older one; -1 for a bucket too old. */
    private int slotFor(long bucket) {
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        long held = buckets.get(slot);
        if (held == bucket) {
            return slot;
        }
        if (held > bucket) {
            // The clock went back by more than the window; such a request has no bucket left to count in.
            return -1;
        }
        synchronized (this) {
            held = buckets.get(slot);
            if (held < bucket) {
                int base = slot * FIELDS;
                for (int field = 0; field < FIELDS; field++) {
                    counts.set(base + field, 0);
                }
                // Published after the counters are clear: whoever sees the new bucket counts into a clean slot.
                buckets.set(slot, bucket);
            } else if (held > bucket) {
                return -1;
            }
        }
        return slot;
    }

    /**
     * Returns the traffic of the last {@code window}, rounded up to whole buckets: the current bucket so far and the
     * ones before it.
     *
     * @param window from 10 seconds to 15 minutes
     */
    public TrafficStats stats(Duration window) {
        long nowMillis = clock.millis();
        int span = (int) Math.min(BUCKETS, Math.max(1, (window.toMillis() + BUCKET_MILLIS - 1) / BUCKET_MILLIS));
        long current = Math.floorDiv(nowMillis, BUCKET_MILLIS);
        long calls = 0;
        long failed = 0;
        long refused = 0;
        long other = 0;
        long[] bins = new long[LatencyBins.COUNT];
        int[] read = new int[FIELDS];
        for (long bucket = current - span + 1; bucket <= current; bucket++) {
            int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
            if (buckets.get(slot) != bucket) {
                continue;
            }
            int base = slot * FIELDS;
            for (int field = 0; field < FIELDS; field++) {
                read[field] = counts.get(base + field);
            }
            if (buckets.get(slot) != bucket) {
                // Turned over while being read: its numbers are half old, half new.
                continue;
            }
            calls += read[CALLS];
            failed += read[FAILED];
            refused += read[REFUSED];
            other += read[OTHER];
            for (int bin = 0; bin < LatencyBins.COUNT; bin++) {
                bins[bin] += read[FIRST_BIN + bin];
            }
        }
        long requests = calls + refused + other;
        long from = Math.max(startMillis, (current - span + 1) * BUCKET_MILLIS);
        // At least a second: a rate over the first milliseconds after a start would be noise.
        long coveredMillis = Math.max(1000, nowMillis - from);
        double rate = requests * 1000.0 / coveredMillis;
        return new TrafficStats(
                Duration.ofMillis(span * BUCKET_MILLIS),
                requests,
                calls,
                failed,
                refused,
                rate,
                quantile(bins, 0.50),
                quantile(bins, 0.95));
    }

    private static @Nullable Duration quantile(long[] bins, double quantile) {
        double micros = LatencyBins.quantileMicros(bins, quantile);
        return micros < 0 ? null : Duration.ofNanos(Math.round(micros * 1000));
    }
}
