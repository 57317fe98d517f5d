package io.switchboard.policy.ratelimit;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.LimitsConfig;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A policy that rejects calls once the connector's token bucket is empty, answering {@code rate-limited} 429 with a
 * {@code Retry-After} of the time until the next token.
 *
 * <p>The bucket holds {@code burst} tokens and refills at {@code rate}. Resilience4j's {@code AtomicRateLimiter} is not
 * used: it is a fixed-window limiter (up to {@code limitForPeriod} calls per refresh period, no tokens carried over), so
 * it can either allow a burst or refill smoothly but not both as the documented {@code rate}/{@code burst} pair asks,
 * and it reads {@code System.nanoTime} instead of an injected clock. The bucket here is one {@code AtomicLong}.
 */
public final class RateLimitPolicy implements Policy {
    private final TokenBucket bucket;
    private final String rateText;
    private final LongAdder rejected = new LongAdder();

    private RateLimitPolicy(Rate rate, int burst, Clock clock) {
        long intervalNanos = Math.max(1, rate.period().toNanos() / rate.permits());
        this.bucket = new TokenBucket(burst > 0 ? burst : rate.permits(), intervalNanos, clock);
        this.rateText = describe(rate);
    }

    /**
     * Returns a rate limit policy for the connector's {@code limits.rate} and {@code limits.burst}.
     *
     * @throws IllegalArgumentException when the limits have no rate (then the policy has no place in the pipeline)
     */
    public static RateLimitPolicy from(LimitsConfig config, Clock clock) {
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        Rate rate = config.rate();
        if (rate == null) {
            throw new IllegalArgumentException("limits have no rate; a rate limit policy needs one");
        }
        return new RateLimitPolicy(rate, config.burst(), clock);
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        long wait = bucket.tryTake();
        if (wait == 0) {
            return next.proceed(exchange);
        }
        rejected.increment();
        Problem problem = Problem.of(
                        ErrorKind.RATE_LIMITED,
                        "connector '" + exchange.connector() + "' is over its rate limit of " + rateText)
                .withRetryAfter(Duration.ofNanos(wait));
        return Future.succeededFuture(new Outcome.Rejection(problem, name()));
    }

    @Override
    public Map<String, Object> liveState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("rate", rateText);
        state.put("burst", burst());
        state.put("availableTokens", availableTokens());
        state.put("rejectedCalls", rejectedCalls());
        return state;
    }

    /** Returns the whole tokens in the bucket now: how many calls would pass at once. */
    public long availableTokens() {
        return bucket.available();
    }

    /** Returns how many tokens the bucket holds when full ({@code burst}). */
    public long burst() {
        return bucket.capacity();
    }

    /** Returns how many calls this policy has rejected. */
    public long rejectedCalls() {
        return rejected.sum();
    }

    /** Returns the rate as written in YAML, for example {@code 10/s}. */
    public String rate() {
        return rateText;
    }

    private static String describe(Rate rate) {
        Duration period = rate.period();
        if (period.equals(Duration.ofSeconds(1))) {
            return rate.permits() + "/s";
        }
        if (period.equals(Duration.ofMinutes(1))) {
            return rate.permits() + "/m";
        }
        if (period.equals(Duration.ofHours(1))) {
            return rate.permits() + "/h";
        }
        return rate.permits() + " per " + period.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[" + rateText + ", burst " + bucket.capacity() + "]";
    }
}
