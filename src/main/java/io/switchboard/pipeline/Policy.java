package io.switchboard.pipeline;

import io.vertx.core.Future;

/**
 * One stage of a connector's pipeline, with one job.
 *
 * <p>A policy either answers the exchange itself (a {@link Outcome.Rejection}) or passes it on with {@code
 * next.proceed(exchange)} exactly once and may look at or change the outcome on its way back. Only a policy that
 * declares {@link #mayProceedMoreThanOnce()} (retry) may call {@code next} again.
 */
public interface Policy {

    /** Runs this stage for one exchange. Called on the exchange's event loop; must never block. */
    Future<Outcome> apply(Exchange exchange, Chain next);

    /** Returns the stage's short name, used in metrics, logs and the journal (for example {@code rate-limit}). */
    String name();

    /**
     * Returns the policy's live state for status pages and the admin API (a breaker's state, a bucket's tokens), as
     * JSON-friendly values; empty for stateless policies.
     */
    default java.util.Map<String, Object> liveState() {
        return java.util.Map.of();
    }

    /** Returns whether this policy may call {@code next} more than once for one exchange. */
    default boolean mayProceedMoreThanOnce() {
        return false;
    }
}
