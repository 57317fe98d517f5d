package io.switchboard.policy.retry;

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

class RetryBudgetTest {
    private final MutableClock clock = MutableClock.start();

    @Test
    void allowsTheBudgetShareOfFirstAttempts() {
        RetryBudget budget = new RetryBudget(0.2, 0, clock);
        for (int i = 0; i < 10; i++) {
            budget.recordFirstAttempt();
        }

        List<Boolean> granted = List.of(budget.tryAcquireRetry(), budget.tryAcquireRetry(), budget.tryAcquireRetry());

        assertThat(granted).containsExactly(true, true, false);
    }

    @Test
    void alwaysAllowsTheMinimumPerSecondOverTheWindow() {
        RetryBudget budget = new RetryBudget(0, 3, clock);
        int granted = 0;
        for (int i = 0; i < 40; i++) {
            granted += budget.tryAcquireRetry() ? 1 : 0;
        }

        assertThat(granted).isEqualTo(30);
    }

    @Test
    void addsTheShareToTheMinimum() {
        RetryBudget budget = new RetryBudget(0.5, 1, clock);
        for (int i = 0; i < 10; i++) {
            budget.recordFirstAttempt();
        }
        int granted = 0;
        for (int i = 0; i < 40; i++) {
            granted += budget.tryAcquireRetry() ? 1 : 0;
        }

        assertThat(granted).isEqualTo(15);
    }

    @Test
    void forgetsRetriesOlderThanTenSeconds() {
        RetryBudget budget = new RetryBudget(0, 1, clock);
        for (int i = 0; i < 10; i++) {
            budget.tryAcquireRetry();
        }
        clock.advance(Duration.ofMillis(9_999));
        boolean stillSpent = !budget.tryAcquireRetry();
        clock.advance(Duration.ofMillis(1));

        boolean granted = budget.tryAcquireRetry();

        assertThat(stillSpent).isTrue();
        assertThat(granted).isTrue();
        assertThat(budget.retries()).isEqualTo(1);
    }

    @Test
    void slidesOneSecondAtATime() {
        RetryBudget budget = new RetryBudget(0, 1, clock);
        for (int i = 0; i < 4; i++) {
            budget.tryAcquireRetry();
        }
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            budget.tryAcquireRetry();
        }
        clock.advance(Duration.ofSeconds(5));

        int granted = 0;
        for (int i = 0; i < 10; i++) {
            granted += budget.tryAcquireRetry() ? 1 : 0;
        }

        assertThat(granted).isEqualTo(4);
    }

    @Test
    void forgetsFirstAttemptsOlderThanTenSeconds() {
        RetryBudget budget = new RetryBudget(1, 0, clock);
        budget.recordFirstAttempt();
        clock.advance(Duration.ofSeconds(10));

        boolean granted = budget.tryAcquireRetry();

        assertThat(granted).isFalse();
        assertThat(budget.firstAttempts()).isZero();
    }

    @Test
    void countsEveryFirstAttemptWhenEventLoopsRecordAtOnce() throws Exception {
        RetryBudget budget = new RetryBudget(0.2, 0, clock);
        int threads = 4;
        int perThread = 20_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    budget.recordFirstAttempt();
                }
                return null;
            });
        }

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> done : pool.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
                done.get();
            }
        }

        assertThat(budget.firstAttempts()).isEqualTo((long) threads * perThread);
    }
}
