package io.switchboard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it, for code that takes its time from an injected {@link Clock}; {@link
 * #nanoTime()} gives the same time as a monotonic reading for code that takes a {@code LongSupplier}.
 */
public final class MutableClock extends Clock {
    private final AtomicLong epochNanos;
    private final ZoneId zone;

    private MutableClock(AtomicLong epochNanos, ZoneId zone) {
        this.epochNanos = epochNanos;
        this.zone = zone;
    }

    /** Returns a clock standing at {@code instant} in UTC. */
    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicLong(toNanos(instant)), ZoneOffset.UTC);
    }

    /** Returns a clock standing at an arbitrary fixed moment (a Monday morning in 2026, UTC). */
    public static MutableClock start() {
        return at(Instant.parse("2026-03-02T09:00:00Z"));
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public MutableClock advance(Duration duration) {
        epochNanos.addAndGet(duration.toNanos());
        return this;
    }

    /** Returns the current time in nanoseconds, usable where {@code System::nanoTime} is expected. */
    public long nanoTime() {
        return epochNanos.get();
    }

    @Override
    public Instant instant() {
        long nanos = epochNanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public long millis() {
        return Math.floorDiv(epochNanos.get(), 1_000_000L);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(epochNanos, newZone);
    }

    private static long toNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
