package io.switchboard.policy.circuitbreaker;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.config.CircuitBreakerConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A policy that stops calling a failing provider for a while: a circuit breaker on Resilience4j's state machine with a
 * time-based sliding window.
 *
 * <p>A call counts as failed when the attempt failed to reach an answer (a rejection carrying an upstream failure:
 * connect failure, timeout, reset), when the upstream answered 5xx, or when it took longer than the slow-call
 * threshold. A 4xx is the caller's business and counts as a success. A rejection without an upstream failure was not a
 * call to the provider and is not counted at all. When the failure rate over the window reaches the threshold (with at
 * least the minimum number of calls in it) the breaker opens and answers {@code circuit-open} 503 with a
 * {@code Retry-After} of the time until the next probe; after the open time the next call finds it half-open and a few
 * probe calls decide whether it closes or opens again.
 */
public final class CircuitBreakerPolicy implements Policy {
    /** Slow calls are classified here, so Resilience4j's own slow-call rule is pushed out of reach. */
    private static final Duration NEVER_SLOW = Duration.ofDays(365);

    private final CircuitBreaker breaker;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long slowCallNanos;
    private final long openForMillis;
    private final String windowText;
    private final int probes;
    private final FailedCall failedCall = new FailedCall();
    private volatile @Nullable Opening lastOpening;

    private CircuitBreakerPolicy(CircuitBreakerConfig config, Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        Duration slowCall = config.slowCall();
        this.slowCallNanos = slowCall == null ? Long.MAX_VALUE : slowCall.toNanos();
        this.openForMillis = Math.max(1, config.openFor().toMillis());
        int windowSeconds = (int) Math.max(1, (config.window().toMillis() + 999) / 1000);
        this.windowText = seconds(windowSeconds);
        this.probes = Math.max(1, config.halfOpenRequests());
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig r4j =
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .slidingWindow(
                                windowSeconds,
                                Math.max(1, config.minRequests()),
                                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                        // The lock-free window reads System.nanoTime and ignores the clock below; the synchronized one
                        // takes the clock, so tests can move time. Its lock is held for a few array writes per call.
                        .slidingWindowSynchronizationStrategy(
                                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig
                                        .SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                        .failureRateThreshold(
                                (float) Math.max(0.001, config.failureRate().percent()))
                        .slowCallDurationThreshold(NEVER_SLOW)
                        .slowCallRateThreshold(100)
                        .permittedNumberOfCallsInHalfOpenState(probes)
                        // Resilience4j asks this function for the open time each time it opens, from inside the
                        // transition (when getState() still names the state it leaves), so this is where the moment of
                        // opening and the rate that caused it are known exactly, without event listeners that would
                        // allocate an event per call.
                        .waitIntervalFunctionInOpenState(this::openFor)
                        // No automatic transition: that needs a scheduler thread. The next call after the open time
                        // moves the breaker to half-open.
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .writableStackTraceEnabled(false)
                        .clock(clock)
                        .build();
        this.breaker = CircuitBreaker.of("circuit-breaker", r4j);
    }

    /**
     * Returns a circuit breaker policy.
     *
     * @param config when the breaker opens and for how long
     * @param clock the wall clock for the sliding window and the open time
     * @param nanoTime the monotonic time calls are measured with for the slow-call rule ({@code System::nanoTime})
     */
    public static CircuitBreakerPolicy from(CircuitBreakerConfig config, Clock clock, LongSupplier nanoTime) {
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        requireNonNull(nanoTime, "nanoTime");
        return new CircuitBreakerPolicy(config, clock, nanoTime);
    }

    @Override
    public String name() {
        return "circuit-breaker";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        if (!breaker.tryAcquirePermission()) {
            return Future.succeededFuture(new Outcome.Rejection(refusal(exchange.connector()), name()));
        }
        long start = nanoTime.getAsLong();
        Future<Outcome> outcome;
        try {
            outcome = next.proceed(exchange);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        return outcome.onComplete(result -> record(result, start));
    }

    @Override
    public Map<String, Object> liveState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", state().code());
        failureRate().ifPresent(rate -> state.put("failureRatePercent", rate));
        state.put("callsInWindow", callsInWindow());
        state.put("window", windowText);
        state.put("refusedCalls", refusedCalls());
        nextProbeIn().ifPresent(wait -> state.put("nextProbeInMs", wait.toMillis()));
        return state;
    }

    /** Returns the breaker's current state. */
    public CircuitState state() {
        return switch (breaker.getState()) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case FORCED_OPEN -> CircuitState.FORCED_OPEN;
            case DISABLED -> CircuitState.DISABLED;
            case METRICS_ONLY -> CircuitState.METRICS_ONLY;
        };
    }

    /**
     * Returns the failure rate in percent over the current window (over the probes when half-open), or empty while the
     * window holds fewer calls than the minimum.
     */
    public OptionalDouble failureRate() {
        float rate = breaker.getMetrics().getFailureRate();
        return rate < 0 ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** Returns the calls counted in the current window (the probes so far when half-open). */
    public int callsInWindow() {
        return breaker.getMetrics().getNumberOfBufferedCalls();
    }

    /** Returns how many calls the breaker has refused while open, since it last closed. */
    public long refusedCalls() {
        return breaker.getMetrics().getNumberOfNotPermittedCalls();
    }

    /** Returns the time until the next probe while the breaker is open, otherwise empty. */
    public Optional<Duration> nextProbeIn() {
        Opening opening = lastOpening;
        if (breaker.getState() != CircuitBreaker.State.OPEN || opening == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(0, opening.untilMillis() - clock.millis())));
    }

    private void record(AsyncResult<Outcome> result, long start) {
        long duration = nanoTime.getAsLong() - start;
        if (result.failed()) {
            // A bug or an I/O failure inside the gateway says nothing about the provider; give the permit back.
            breaker.releasePermission();
            return;
        }
        switch (result.result()) {
            case Outcome.Upstream upstream -> {
                if (upstream.status() >= 500 || duration > slowCallNanos) {
                    breaker.onError(duration, TimeUnit.NANOSECONDS, failedCall);
                } else {
                    breaker.onSuccess(duration, TimeUnit.NANOSECONDS);
                }
            }
            case Outcome.Rejection rejection -> {
                if (rejection.problem().failure() != null) {
                    breaker.onError(duration, TimeUnit.NANOSECONDS, failedCall);
                } else {
                    breaker.releasePermission();
                }
            }
        }
    }

    private Problem refusal(String connector) {
        String subject = "connector '" + connector + "' circuit breaker";
        return switch (breaker.getState()) {
            case OPEN -> {
                Opening opening = lastOpening;
                long waitMillis = opening == null ? openForMillis : Math.max(0, opening.untilMillis() - clock.millis());
                String reason = opening == null ? "after failures" : opening.reason(windowText);
                yield Problem.of(
                                ErrorKind.CIRCUIT_OPEN,
                                subject + " is open " + reason + "; next probe in " + seconds(secondsUp(waitMillis)))
                        .withRetryAfter(Duration.ofMillis(waitMillis));
            }
            case HALF_OPEN ->
                Problem.of(
                        ErrorKind.CIRCUIT_OPEN,
                        subject + " is half-open and its " + probes + " probe calls are still in flight");
            case FORCED_OPEN -> Problem.of(ErrorKind.CIRCUIT_OPEN, subject + " is forced open");
            default -> Problem.of(ErrorKind.CIRCUIT_OPEN, subject + " refused the call");
        };
    }

    /** Returns the open time to Resilience4j as it opens the breaker, and notes when and why it opened. */
    private long openFor(int timesOpened) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        lastOpening = new Opening(
                clock.millis() + openForMillis,
                breaker.getState() == CircuitBreaker.State.HALF_OPEN,
                metrics.getFailureRate(),
                metrics.getNumberOfFailedCalls(),
                metrics.getNumberOfBufferedCalls());
        return openForMillis;
    }

    private static long secondsUp(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String seconds(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    @Override
    public String toString() {
        return "CircuitBreakerPolicy[" + state().code() + "]";
    }

    /** What was known when the breaker last opened. */
    private record Opening(long untilMillis, boolean fromProbes, float failureRate, int failedCalls, int calls) {
        String reason(String window) {
            if (fromProbes) {
                return "again after " + failedCalls + " of " + calls + " probe calls failed";
            }
            return "after " + Math.round(failureRate) + "% failures over the last " + window;
        }
    }

    /** The failure handed to Resilience4j for a failed call; no stack trace, it is a tally mark, not an error. */
    private static final class FailedCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedCall() {
            super("the upstream call failed", null, false, false);
        }
    }
}
