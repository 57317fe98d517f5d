package io.switchboard.config;

import org.jspecify.annotations.Nullable;

/**
 * How much traffic a connector sends its provider, under {@code limits:}.
 *
 * <pre>
 * limits: { rate: 10/s, burst: 10, concurrency: 20 }
 * </pre>
 *
 * @param rate the provider's quota as a token bucket refill rate; more is answered 429 {@code rate-limited}; none by
 *     default
 * @param burst how many tokens the bucket holds; default the rate's permits per period
 * @param concurrency calls in flight at once; more is answered 503 {@code overloaded}; none by default
 */
public record LimitsConfig(
        @Nullable Rate rate, int burst, @Nullable Integer concurrency) {
    public static final LimitsConfig NONE = new LimitsConfig(null, 0, null);
}
