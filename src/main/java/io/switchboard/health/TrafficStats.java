package io.switchboard.health;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A connector's traffic over one window: how much, how much failed, how long callers waited.
 *
 * @param window how far back the numbers look (the time actually covered may be shorter just after the start)
 * @param requests every finished request, refusals included
 * @param calls requests the provider answered or failed, the base of the error rate and the latencies
 * @param failed calls that failed on the provider's side (5xx, timeout, unreachable)
 * @param refused requests the gateway refused itself (switched off, closed, rate limited, overloaded, circuit open)
 * @param rate requests per second over the time covered
 * @param p50 the median time callers waited for a whole answer to a call; null without calls
 * @param p95 the 95th percentile of that time; null without calls
 */
public record TrafficStats(
        Duration window,
        long requests,
        long calls,
        long failed,
        long refused,
        double rate,
        @Nullable Duration p50,
        @Nullable Duration p95) {

    /** Returns the share of calls that failed, from 0 to 1; 0 without calls. */
    public double errorRate() {
        return calls == 0 ? 0 : (double) failed / calls;
    }
}
