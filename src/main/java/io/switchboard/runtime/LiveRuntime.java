package io.switchboard.runtime;

import io.switchboard.config.CallerConfig;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.Rate;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot requests read, and the swap that replaces it. Each request reads the reference once and keeps that
 * snapshot to its end, so a reload never changes a call half-way; upstream clients that the new snapshot no longer uses
 * are closed only after the drain timeout, so calls in flight on them finish.
 */
public final class LiveRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRuntime.class);

    private final Vertx vertx;
    private final PipelineFactory factory;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final AtomicReference<RuntimeSnapshot> current = new AtomicReference<>();

    /** Creates the runtime; nothing serves until the first {@link #apply}. */
    public LiveRuntime(Vertx vertx, PipelineFactory factory, GatewayMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.factory = factory;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns the snapshot in force; throws before the first config was applied. */
    public RuntimeSnapshot current() {
        RuntimeSnapshot snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("no config applied yet");
        }
        return snapshot;
    }

    /** Returns whether a config has been applied. */
    public boolean isReady() {
        return current.get() != null;
    }

    /** Builds a snapshot of {@code config} beside the current one and swaps it in; returns it. */
    public synchronized RuntimeSnapshot apply(SwitchboardConfig config) {
        RuntimeSnapshot previous = current.get();
        Map<String, ConnectorRuntime> connectors = new LinkedHashMap<>();
        for (ConnectorConfig connector : config.connectors().values()) {
            ConnectorRuntime before = previous == null ? null : previous.connector(connector.id());
            connectors.put(connector.id(), factory.build(connector, before, callerLimits(config, connector.id())));
        }
        long generation = previous == null ? 1 : previous.generation() + 1;
        RuntimeSnapshot next = new RuntimeSnapshot(generation, config, connectors, clock.instant());
        current.set(next);
        metrics.configApplied(generation);
        if (previous != null) {
            closeUnused(previous, next, config.gateway().drainTimeout());
        }
        LOG.info("config generation {} in force: {} connectors", generation, connectors.size());
        return next;
    }

    /** Returns each caller's own rate on one connector, from {@code callers:}. */
    private static Map<String, Rate> callerLimits(SwitchboardConfig config, String connector) {
        Map<String, Rate> limits = new LinkedHashMap<>();
        for (CallerConfig caller : config.callers().values()) {
            Rate rate = caller.limits().get(connector);
            if (rate != null) {
                limits.put(caller.name(), rate);
            }
        }
        return limits;
    }

    private void closeUnused(RuntimeSnapshot previous, RuntimeSnapshot next, Duration drain) {
        Set<Object> inUse = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        next.connectors().values().forEach(c -> inUse.add(c.client()));
        for (ConnectorRuntime old : previous.connectors().values()) {
            if (!inUse.contains(old.client())) {
                vertx.setTimer(Math.max(1, drain.toMillis()), id -> old.client().close());
            }
        }
    }

    /** Closes every upstream client now (shutdown). */
    public void closeAll() {
        RuntimeSnapshot snapshot = current.get();
        if (snapshot != null) {
            snapshot.connectors().values().forEach(c -> c.client().close());
        }
    }
}
