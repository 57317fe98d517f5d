package io.switchboard.health;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Percentage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TrafficWindowTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    /** A bucket boundary, so a test knows which bucket each request lands in. */
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    private final TrafficWindow window = TrafficWindow.start(clock);

    @Test
    void countsCallsFailuresAndRefusalsApart() {
        record(CallResult.ANSWERED, 7, 50);
        record(CallResult.FAILED, 3, 50);
        record(CallResult.REFUSED, 4, 0);
        record(CallResult.OTHER, 1, 0);

        TrafficStats stats = window.stats(MINUTE);

        assertThat(stats.requests()).isEqualTo(15);
        assertThat(stats.calls()).isEqualTo(10);
        assertThat(stats.failed()).isEqualTo(3);
        assertThat(stats.refused()).isEqualTo(4);
        assertThat(stats.errorRate()).isEqualTo(0.3);
    }

    @Test
    void ratesAreRequestsPerSecondOverTheTimeCoveredSinceTheStart() {
        clock.advance(Duration.ofSeconds(20));
        record(CallResult.ANSWERED, 40, 10);

        TrafficStats stats = window.stats(MINUTE);

        assertThat(stats.rate()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void ratesAreRequestsPerSecondOverTheWholeWindowOnceItIsFull() {
        for (int second = 0; second < 30 * 60; second++) {
            record(CallResult.ANSWERED, 3, 10);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(window.stats(MINUTE).rate()).isCloseTo(3.0, within(0.01));
        assertThat(window.stats(FIVE_MINUTES).rate()).isCloseTo(3.0, within(0.01));
        assertThat(window.stats(FIFTEEN_MINUTES).rate()).isCloseTo(3.0, within(0.01));
    }

    @Test
    void aWindowSeesOnlyItsOwnBuckets() {
        record(CallResult.FAILED, 10, 100);
        clock.advance(Duration.ofMinutes(4));
        record(CallResult.ANSWERED, 10, 100);
        clock.advance(Duration.ofMinutes(2));

        assertThat(window.stats(MINUTE).calls()).isZero();
        assertThat(window.stats(FIVE_MINUTES).calls()).isEqualTo(10);
        assertThat(window.stats(FIVE_MINUTES).failed()).isZero();
        assertThat(window.stats(FIFTEEN_MINUTES).calls()).isEqualTo(20);
        assertThat(window.stats(FIFTEEN_MINUTES).failed()).isEqualTo(10);
    }

    @Test
    void aMinuteIsTheCurrentBucketAndTheFiveBeforeIt() {
        record(CallResult.ANSWERED, 1, 10);
        clock.advance(Duration.ofSeconds(59));
        TrafficStats stillIn = window.stats(MINUTE);

        clock.advance(Duration.ofSeconds(1));
        TrafficStats gone = window.stats(MINUTE);

        assertThat(stillIn.calls()).isEqualTo(1);
        assertThat(gone.calls()).isZero();
    }

    @Test
    void reusesASlotOnlyAfterClearingWhatItHeldFifteenMinutesAgo() {
        record(CallResult.FAILED, 5, 100);
        clock.advance(FIFTEEN_MINUTES);

        record(CallResult.ANSWERED, 2, 100);

        TrafficStats stats = window.stats(FIFTEEN_MINUTES);
        assertThat(stats.calls()).isEqualTo(2);
        assertThat(stats.failed()).isZero();
    }

    @Test
    void forgetsEverythingAfterAnHourOfSilence() {
        record(CallResult.FAILED, 5, 100);

        clock.advance(Duration.ofHours(1));

        assertThat(window.stats(FIFTEEN_MINUTES).requests()).isZero();
        assertThat(window.stats(FIFTEEN_MINUTES).p95()).isNull();
    }

    @Test
    void dropsARequestWhoseSlotAlreadyHoldsALaterBucketWhenTheClockGoesBack() {
        record(CallResult.ANSWERED, 1, 100);
        clock.advance(FIFTEEN_MINUTES.negated());

        record(CallResult.FAILED, 1, 100);
        clock.advance(FIFTEEN_MINUTES);

        assertThat(window.stats(MINUTE).calls()).isEqualTo(1);
        assertThat(window.stats(MINUTE).failed()).isZero();
    }

    @Test
    void percentilesLieWithinTheBinPrecision() {
        for (int millis = 1; millis <= 1000; millis++) {
            window.record(CallResult.ANSWERED, Duration.ofMillis(millis).toNanos());
        }

        TrafficStats stats = window.stats(MINUTE);

        assertThat(millis(stats.p50())).isCloseTo(500, Percentage.withPercentage(12.5));
        assertThat(millis(stats.p95())).isCloseTo(950, Percentage.withPercentage(12.5));
    }

    @Test
    void percentilesCountCallsOnlyNotRefusals() {
        record(CallResult.ANSWERED, 10, 2000);
        record(CallResult.REFUSED, 1000, 0);

        TrafficStats stats = window.stats(MINUTE);

        assertThat(millis(stats.p50())).isCloseTo(2000, Percentage.withPercentage(12.5));
    }

    @Test
    void anEmptyWindowHasNoPercentilesAndNoRate() {
        TrafficStats stats = window.stats(FIVE_MINUTES);

        assertThat(stats.p50()).isNull();
        assertThat(stats.p95()).isNull();
        assertThat(stats.rate()).isZero();
        assertThat(stats.errorRate()).isZero();
    }

    @Test
    void roundsAWindowUpToWholeBucketsAndCapsItAtFifteenMinutes() {
        assertThat(window.stats(Duration.ofSeconds(15)).window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(window.stats(Duration.ofHours(1)).window()).isEqualTo(FIFTEEN_MINUTES);
    }

    @Test
    void keepsCountingRightWhileSeveralThreadsRecordAcrossBuckets() throws InterruptedException {
        int threads = 4;
        int perThread = 20_000;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    window.record(CallResult.ANSWERED, 1_000_000);
                }
            });
        }
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(30));
        }

        assertThat(window.stats(MINUTE).calls()).isEqualTo((long) threads * perThread);
    }

    @Test
    void losesNoCountWhileSlotsTurnOverUnderConcurrentRecording() throws InterruptedException {
        int threads = 4;
        int perThread = 60_000;
        int total = threads * perThread;
        AtomicInteger recorded = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    window.record(i % 10 == 0 ? CallResult.FAILED : CallResult.ANSWERED, 1_000_000);
                    recorded.incrementAndGet();
                }
            });
        }
        // Ten minutes in 10-second steps while the workers record: each step makes the next recordings clear a slot
        // while the others keep recording.
        int steps = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (steps < 60 && System.nanoTime() < deadline) {
            if (recorded.get() >= (long) total * steps / 60) {
                clock.advance(Duration.ofSeconds(10));
                steps++;
            }
            Thread.onSpinWait();
        }
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(30));
        }

        TrafficStats stats = window.stats(FIFTEEN_MINUTES);

        assertThat(steps).isEqualTo(60);
        assertThat(stats.calls()).isEqualTo(total);
        assertThat(stats.failed()).isEqualTo(total / 10);
    }

    private static double millis(@Nullable Duration duration) {
        assertThat(duration).isNotNull();
        return requireNonNull(duration).toNanos() / 1e6;
    }

    private void record(CallResult result, int times, long latencyMillis) {
        for (int i = 0; i < times; i++) {
            window.record(result, Duration.ofMillis(latencyMillis).toNanos());
        }
    }
}
