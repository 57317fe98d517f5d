package io.switchboard.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long TENTH_OF_A_SECOND = 100_000_000L;

    private final MutableClock clock = MutableClock.start();

    @Test
    void startsFull() {
        TokenBucket bucket = new TokenBucket(5, TENTH_OF_A_SECOND, clock);

        assertThat(bucket.available()).isEqualTo(5);
    }

    @Test
    void givesItsWholeCapacityAtOnceAndThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, TENTH_OF_A_SECOND, clock);
        List<Long> waits = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            waits.add(bucket.tryTake());
        }

        assertThat(waits).containsExactly(0L, 0L, 0L, TENTH_OF_A_SECOND);
        assertThat(bucket.available()).isZero();
    }

    @Test
    void refillsOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(3, TENTH_OF_A_SECOND, clock);
        for (int i = 0; i < 3; i++) {
            bucket.tryTake();
        }
        clock.advance(Duration.ofMillis(250));

        assertThat(bucket.available()).isEqualTo(2);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(50_000_000L);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(3, TENTH_OF_A_SECOND, clock);
        clock.advance(Duration.ofHours(1));

        assertThat(bucket.available()).isEqualTo(3);
    }

    @Test
    void refillsOnceWhenTheClockGoesBack() {
        TokenBucket bucket = new TokenBucket(2, TENTH_OF_A_SECOND, clock);
        bucket.tryTake();
        bucket.tryTake();
        clock.advance(Duration.ofHours(-1));

        assertThat(bucket.tryTake()).isZero();
    }

    @Test
    void handsOutExactlyItsCapacityToRacingThreads() throws Exception {
        TokenBucket bucket = new TokenBucket(1000, TENTH_OF_A_SECOND, clock);
        int threads = 4;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                int taken = 0;
                for (int i = 0; i < 1000; i++) {
                    taken += bucket.tryTake() == 0 ? 1 : 0;
                }
                return taken;
            });
        }
        int total = 0;

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Integer> taken : pool.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
                total += taken.get();
            }
        }

        assertThat(total).isEqualTo(1000);
    }
}
