package io.switchboard.policy.schedule;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.ScheduleConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A policy that answers {@code closed} 503 outside the connector's schedule, with a {@code Retry-After} of the time
 * until it opens and the opening in the problem ({@code opensAt}, {@code opensAtLocal}).
 *
 * <p>On the hot path a call reads the clock once and compares it with the cached status's bounds: the status is worked
 * out again only when the clock passes its next change (or, with no change scheduled, a day later, as the engine's
 * horizon moves on), or goes back before the time it was worked out at.
 */
public final class SchedulePolicy implements Policy {
    /** How long a status with no scheduled change is trusted before the engine looks ahead again. */
    private static final Duration RECHECK = Duration.ofDays(1);

    private final ScheduleEngine engine;
    private final Clock clock;
    private volatile Cached cached;

    /**
     * A status and the instants between which it holds.
     *
     * @param from when it was worked out
     * @param until when it may change (exclusive)
     * @param status the status
     * @param extensions the problem members for a closed status: the opening as an instant and in the zone
     */
    private record Cached(Instant from, Instant until, ScheduleStatus status, Map<String, Object> extensions) {
        boolean holdsAt(Instant at) {
            return at.isBefore(until) && !at.isBefore(from);
        }
    }

    private SchedulePolicy(ScheduleEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.cached = work(clock.instant());
    }

    /** Returns a schedule policy for the connector's {@code schedule:}, its time from {@code clock}. */
    public static SchedulePolicy from(ScheduleConfig config, Clock clock) {
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        return new SchedulePolicy(ScheduleEngine.of(config), clock);
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        Instant now = clock.instant();
        Cached current = cachedAt(now);
        if (current.status().open()) {
            return next.proceed(exchange);
        }
        Instant opening = current.status().nextChange();
        Problem problem = new Problem(
                ErrorKind.CLOSED,
                ErrorKind.CLOSED.status(),
                "connector '" + exchange.connector() + "' is "
                        + current.status().reason(),
                opening == null ? null : Duration.between(now, opening),
                current.extensions(),
                null);
        return Future.succeededFuture(new Outcome.Rejection(problem, name()));
    }

    /** Returns whether the connector is open now, its next change and why, for lamps. */
    public ScheduleStatus status() {
        return cachedAt(clock.instant()).status();
    }

    /** Returns whether the connector is open at {@code at}, its next change and why. */
    public ScheduleStatus status(Instant at) {
        Cached current = cached;
        return current.holdsAt(at) ? current.status() : engine.status(at);
    }

    /** Returns the engine behind this policy, for questions about other instants. */
    public ScheduleEngine engine() {
        return engine;
    }

    /**
     * Returns {@code open}, {@code reason}, {@code zone} and, when one is scheduled, {@code nextChange} (an ISO-8601
     * instant) and {@code nextChangeLocal} (the same in the zone).
     */
    @Override
    public Map<String, Object> liveState() {
        ScheduleStatus status = status();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("open", status.open());
        Instant change = status.nextChange();
        if (change != null) {
            state.put("nextChange", change.toString());
            state.put("nextChangeLocal", engine.local(change).toString());
        }
        state.put("reason", status.reason());
        state.put("zone", engine.zone().getId());
        return Collections.unmodifiableMap(state);
    }

    private Cached cachedAt(Instant now) {
        Cached current = cached;
        if (current.holdsAt(now)) {
            return current;
        }
        // Two threads may work out the same status at once; either result is right, so the last write may win.
        Cached worked = work(now);
        cached = worked;
        return worked;
    }

    private Cached work(Instant now) {
        ScheduleStatus status = engine.status(now);
        @Nullable Instant change = status.nextChange();
        Instant until = change != null ? change : now.plus(RECHECK);
        Map<String, Object> extensions = status.open() || change == null
                ? Map.of()
                : Map.of(
                        "opensAt",
                        change.toString(),
                        "opensAtLocal",
                        engine.local(change).toString());
        return new Cached(now, until, status, extensions);
    }

    @Override
    public String toString() {
        return "SchedulePolicy[" + engine.zone() + "]";
    }
}
