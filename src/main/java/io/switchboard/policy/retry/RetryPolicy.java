package io.switchboard.policy.retry;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.RetryConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A policy that tries a failed attempt again when the outcome is one the connector retries on and sending the request
 * again is safe, with exponential backoff, full jitter and a retry budget.
 *
 * <p>A retry is safe when the request body can be sent again and either the failure happened before any byte reached
 * the upstream (connect failure or connect timeout) or the method is idempotent (RFC 9110 section 9.2.2). A streamed
 * body of known length up to the buffer limit is read into memory before the first attempt so that it can be sent again;
 * a larger one, or one of unknown length, streams and is then retried only if it never left.
 *
 * <p>This is the one policy that calls {@code next} more than once. It sits outside the circuit breaker, so an open
 * breaker's answer (which carries no upstream failure) ends the retries.
 */
public final class RetryPolicy implements Policy {
    private static final int MAX_STATUS = 600;

    private final int maxAttempts;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private final EnumSet<UpstreamFailure> onFailures;
    private final boolean[] onStatuses;
    private final boolean mayRetryAfterReachingUpstream;
    private final int bufferLimit;
    private final RetryBudget budget;
    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final LongAdder retriesAttempted = new LongAdder();
    private final LongAdder retriesDeniedByBudget = new LongAdder();
    private final LongAdder retriesDeniedByDeadline = new LongAdder();

    private RetryPolicy(RetryConfig config, Vertx vertx, Clock clock, LongSupplier nanoTime, RandomGenerator random) {
        this.maxAttempts = Math.max(1, config.attempts());
        this.backoffNanos = Math.max(0, config.backoff().toNanos());
        this.maxBackoffNanos = Math.max(backoffNanos, config.maxBackoff().toNanos());
        this.onFailures = failures(config.onFailures());
        this.onStatuses = new boolean[MAX_STATUS];
        for (int status : config.onStatuses()) {
            if (status >= 100 && status < MAX_STATUS) {
                onStatuses[status] = true;
            }
        }
        boolean anyReachedFailure = onFailures.stream().anyMatch(UpstreamFailure::reachedUpstream);
        this.mayRetryAfterReachingUpstream =
                anyReachedFailure || !config.onStatuses().isEmpty();
        // A Buffer holds at most 2 GiB; nobody should configure a limit anywhere near that.
        this.bufferLimit = config.bufferLimit().toIntCapped();
        this.budget = new RetryBudget(config.budget().fraction(), config.minRetriesPerSecond(), clock);
        this.vertx = vertx;
        this.nanoTime = nanoTime;
        this.random = random;
    }

    /**
     * Returns a retry policy.
     *
     * @param config what to retry and how often
     * @param vertx the Vert.x instance whose timers wait out the backoff on the exchange's event loop
     * @param clock the wall clock for the retry budget's window
     * @param nanoTime the monotonic time that {@link Exchange#deadlineNanos()} is measured in ({@code System::nanoTime})
     * @param random the source of the backoff jitter
     */
    public static RetryPolicy from(
            RetryConfig config, Vertx vertx, Clock clock, LongSupplier nanoTime, RandomGenerator random) {
        requireNonNull(config, "config");
        requireNonNull(vertx, "vertx");
        requireNonNull(clock, "clock");
        requireNonNull(nanoTime, "nanoTime");
        requireNonNull(random, "random");
        return new RetryPolicy(config, vertx, clock, nanoTime, random);
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public boolean mayProceedMoreThanOnce() {
        return true;
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        if (maxAttempts == 1) {
            return next.proceed(exchange);
        }
        budget.recordFirstAttempt();
        if (exchange.body() instanceof RequestBody.Streamed streamed && shouldBuffer(exchange, streamed)) {
            return buffer(streamed).compose(buffered -> {
                exchange.body(buffered);
                return attempt(exchange, next, 1);
            });
        }
        return attempt(exchange, next, 1);
    }

    /** Returns how many retries were sent (not counting first attempts). */
    public long retriesAttempted() {
        return retriesAttempted.sum();
    }

    /** Returns how many retries were safe and wanted but not sent because the retry budget was spent. */
    public long retriesDeniedByBudget() {
        return retriesDeniedByBudget.sum();
    }

    /** Returns how many retries were safe and wanted but not sent because they would start past the deadline. */
    public long retriesDeniedByDeadline() {
        return retriesDeniedByDeadline.sum();
    }

    /** Returns the retries taken from the budget in the current window (the last 10 seconds). */
    public long budgetRetriesInWindow() {
        return budget.retries();
    }

    /** Returns the first attempts counted by the budget in the current window (the last 10 seconds). */
    public long budgetFirstAttemptsInWindow() {
        return budget.firstAttempts();
    }

    private Future<Outcome> attempt(Exchange exchange, Chain next, int attempt) {
        return next.proceed(exchange).compose(outcome -> afterAttempt(exchange, next, attempt, outcome));
    }

    private Future<Outcome> afterAttempt(Exchange exchange, Chain next, int attempt, Outcome outcome) {
        if (attempt >= maxAttempts || !isRetriedOn(outcome) || !isSafeToRepeat(exchange, outcome)) {
            return Future.succeededFuture(outcome);
        }
        long delay = backoffBefore(attempt);
        if (exchange.deadlineNanos() - (nanoTime.getAsLong() + delay) <= 0) {
            retriesDeniedByDeadline.increment();
            return Future.succeededFuture(outcome);
        }
        if (!budget.tryAcquireRetry()) {
            retriesDeniedByBudget.increment();
            return Future.succeededFuture(outcome);
        }
        retriesAttempted.increment();
        if (outcome instanceof Outcome.Upstream upstream) {
            // Read and drop the answer we will not send, so its connection goes back to the pool.
            upstream.discard();
        }
        if (delay <= 0) {
            return attempt(exchange, next, attempt + 1);
        }
        return vertx.timer(delay, TimeUnit.NANOSECONDS).compose(fired -> attempt(exchange, next, attempt + 1));
    }

    /**
     * Returns the wait before the retry that follows attempt number {@code attempt} (1 for the first): a random time
     * between zero and {@code backoff * 2^(attempt-1)}, capped at {@code maxBackoff} ("full jitter").
     */
    long backoffBefore(int attempt) {
        long cap = backoffNanos;
        for (int i = 1; i < attempt && cap < maxBackoffNanos; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxBackoffNanos);
        if (cap <= 0) {
            return 0;
        }
        return Math.min(cap, (long) (random.nextDouble() * (cap + 1)));
    }

    private boolean isRetriedOn(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Upstream upstream -> {
                int status = upstream.status();
                yield status >= 0 && status < MAX_STATUS && onStatuses[status];
            }
            case Outcome.Rejection rejection -> {
                UpstreamFailure failure = rejection.problem().failure();
                yield failure != null && onFailures.contains(failure);
            }
        };
    }

    private static boolean isSafeToRepeat(Exchange exchange, Outcome outcome) {
        if (!exchange.body().isReplayable()) {
            return false;
        }
        if (outcome instanceof Outcome.Rejection rejection) {
            UpstreamFailure failure = rejection.problem().failure();
            if (failure != null && !failure.reachedUpstream()) {
                return true;
            }
        }
        return exchange.isIdempotent();
    }

    /**
     * Returns whether to read a streamed body into memory before the first attempt: only when a retry after the
     * request reached the upstream is possible at all (an idempotent method, and statuses or late failures to retry
     * on), and the body's known length fits the buffer limit. A body that never left is replayable anyway.
     */
    private boolean shouldBuffer(Exchange exchange, RequestBody.Streamed streamed) {
        return !streamed.isTaken()
                && mayRetryAfterReachingUpstream
                && exchange.isIdempotent()
                && streamed.length() >= 0
                && streamed.length() <= bufferLimit;
    }

    /**
     * Reads a streamed body of known length into memory, so it can be sent more than once; the capability router reuses
     * this for failover after a provider received the body.
     */
    public static Future<RequestBody> buffer(RequestBody.Streamed streamed) {
        Promise<RequestBody> promise = Promise.promise();
        Buffer content = Buffer.buffer((int) streamed.length());
        ReadStream<Buffer> source = streamed.take();
        source.exceptionHandler(promise::tryFail);
        source.endHandler(end -> promise.tryComplete(new RequestBody.Buffered(content)));
        source.handler(content::appendBuffer);
        source.resume();
        return promise.future();
    }

    private static EnumSet<UpstreamFailure> failures(Set<String> codes) {
        EnumSet<UpstreamFailure> failures = EnumSet.noneOf(UpstreamFailure.class);
        for (UpstreamFailure failure : UpstreamFailure.values()) {
            if (codes.contains(failure.code())) {
                failures.add(failure);
            }
        }
        return failures;
    }

    @Override
    public String toString() {
        return "RetryPolicy[attempts=" + maxAttempts + ", on=" + onFailures + "]";
    }
}
