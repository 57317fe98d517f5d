package io.switchboard.policy.ratelimit;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.Rate;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A policy that holds each named caller to its own rate on this connector ({@code callers.<name>.limits}), so one noisy
 * service cannot spend the whole provider quota: one token bucket per caller, answering {@code rate-limited} 429 with
 * {@code Retry-After} and a detail naming the caller. Calls from callers without a limit here (and anonymous calls) pass
 * untouched.
 */
public final class CallerRateLimitPolicy implements Policy {
    private final Map<String, Rate> limits;
    private final Map<String, TokenBucket> buckets;
    private final LongAdder rejected = new LongAdder();

    private CallerRateLimitPolicy(Map<String, Rate> limits, Clock clock) {
        this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        Map<String, TokenBucket> byCaller = new LinkedHashMap<>();
        limits.forEach((caller, rate) -> byCaller.put(
                caller,
                new TokenBucket(rate.permits(), Math.max(1, rate.period().toNanos() / rate.permits()), clock)));
        this.buckets = Map.copyOf(byCaller);
    }

    /**
     * Returns the policy for one connector.
     *
     * @param limits each caller's rate on this connector (the burst is the rate's permits)
     * @param clock the time the buckets refill by
     */
    public static CallerRateLimitPolicy from(Map<String, Rate> limits, Clock clock) {
        requireNonNull(limits, "limits");
        requireNonNull(clock, "clock");
        return new CallerRateLimitPolicy(limits, clock);
    }

    @Override
    public String name() {
        return "caller-rate-limit";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        String caller = exchange.caller();
        if (caller == null) {
            return next.proceed(exchange);
        }
        TokenBucket bucket = buckets.get(caller);
        if (bucket == null) {
            return next.proceed(exchange);
        }
        long wait = bucket.tryTake();
        if (wait == 0) {
            return next.proceed(exchange);
        }
        rejected.increment();
        Rate rate = requireNonNull(limits.get(caller));
        Problem problem = Problem.of(
                        ErrorKind.RATE_LIMITED,
                        "caller '" + caller + "' is over its own limit of " + rate.permits() + " per "
                                + describe(rate.period()) + " on connector '" + exchange.connector() + "'")
                .with("caller", caller)
                .withRetryAfter(Duration.ofNanos(wait));
        return Future.succeededFuture(new Outcome.Rejection(problem, name()));
    }

    /** Returns each caller's rate on this connector, as configured. */
    public Map<String, Rate> limits() {
        return limits;
    }

    /** Returns how many calls this policy has rejected. */
    public long rejectedCalls() {
        return rejected.sum();
    }

    private static String describe(Duration period) {
        if (period.equals(Duration.ofSeconds(1))) {
            return "second";
        }
        if (period.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        if (period.equals(Duration.ofHours(1))) {
            return "hour";
        }
        return period.toString();
    }

    @Override
    public String toString() {
        return "CallerRateLimitPolicy" + limits;
    }
}
