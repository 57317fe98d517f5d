package io.switchboard.policy.concurrency;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.switchboard.config.LimitsConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy that lets at most a configured number of calls be in flight at once and answers {@code overloaded} 503
 * beyond that, on Resilience4j's semaphore bulkhead (never waiting for a permit).
 *
 * <p>A call is in flight from the moment it passes this policy until its outcome is complete: for an answer the
 * gateway makes itself, when the pipeline's outcome arrives; for an upstream answer, when the upstream response's body
 * has been fully received ({@code HttpClientResponse.end()}), which, since the body streams to the caller with
 * back-pressure, is when the last bytes are on their way to the caller. The permit is released exactly once either way.
 * So the server must pipe, discard or reset every upstream response it gets, as it must anyway to free the
 * connection; a response it forgets keeps its permit until the client's idle timeout closes the connection.
 */
public final class ConcurrencyPolicy implements Policy {
    private final Bulkhead bulkhead;
    private final int limit;

    private ConcurrencyPolicy(int limit) {
        this.limit = limit;
        this.bulkhead = Bulkhead.of(
                "concurrency",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(limit)
                        // Never wait: waiting would block the event loop. Full means answer at once.
                        .maxWaitDuration(Duration.ZERO)
                        .fairCallHandlingStrategyEnabled(false)
                        .writableStackTraceEnabled(false)
                        .build());
    }

    /**
     * Returns a concurrency policy for the connector's {@code limits.concurrency}.
     *
     * @throws IllegalArgumentException when the limits have no concurrency (then the policy has no place in the
     *     pipeline) or it is below 1
     */
    public static ConcurrencyPolicy from(LimitsConfig config) {
        requireNonNull(config, "config");
        Integer concurrency = config.concurrency();
        if (concurrency == null || concurrency < 1) {
            throw new IllegalArgumentException("limits.concurrency must be at least 1, got " + concurrency);
        }
        return new ConcurrencyPolicy(concurrency);
    }

    @Override
    public String name() {
        return "concurrency";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        if (!bulkhead.tryAcquirePermission()) {
            Problem problem = Problem.of(
                    ErrorKind.OVERLOADED,
                    "connector '" + exchange.connector() + "' has " + limit
                            + " calls in flight (its concurrency limit)");
            return Future.succeededFuture(new Outcome.Rejection(problem, name()));
        }
        Future<Outcome> outcome;
        try {
            outcome = next.proceed(exchange);
        } catch (RuntimeException e) {
            bulkhead.onComplete();
            throw e;
        }
        return outcome.onComplete(this::releaseWhenComplete);
    }

    @Override
    public Map<String, Object> liveState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("limit", limit);
        state.put("inFlight", inFlight());
        return state;
    }

    /** Returns how many calls are in flight now. */
    public int inFlight() {
        return limit - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** Returns the most calls allowed in flight at once. */
    public int limit() {
        return limit;
    }

    private void releaseWhenComplete(AsyncResult<Outcome> result) {
        if (result.succeeded() && result.result() instanceof Outcome.Upstream upstream) {
            Future<Void> end;
            try {
                end = upstream.response().end();
            } catch (IllegalStateException alreadyEnded) {
                // Vert.x refuses end() on a response whose end was already delivered: the call is complete.
                bulkhead.onComplete();
                return;
            }
            // Ends with success when the body is fully received, with failure on reset or close: release either way.
            end.onComplete(ended -> bulkhead.onComplete());
            return;
        }
        bulkhead.onComplete();
    }

    @Override
    public String toString() {
        return "ConcurrencyPolicy[" + inFlight() + " of " + limit + " in flight]";
    }
}
