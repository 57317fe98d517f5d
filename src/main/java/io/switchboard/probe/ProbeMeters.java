package io.switchboard.probe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.store.CheckResult;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus gauges of checks and resources: {@code switchboard_check_up} (1 passing, 0 failing),
 * {@code switchboard_check_latency_seconds} (NaN without an answer), {@code switchboard_resource_value} (NaN when
 * unreadable) and {@code switchboard_resource_level} (0 ok, 1 warn, 2 critical, -1 unknown), each with labels
 * {@code connector} and {@code check} or {@code resource}. A probe's gauges appear with its first result and go when
 * a reload removes it.
 */
final class ProbeMeters {
    private final MeterRegistry registry;
    private final Map<ProbeKey, Gauges> gauges = new ConcurrentHashMap<>();

    ProbeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The two values a probe exports, read by its gauges at scrape time. */
    private static final class Gauges {
        private volatile double first = Double.NaN;
        private volatile double second = Double.NaN;
        private List<Meter> meters = List.of();
    }

    void checked(ProbeKey key, CheckResult result) {
        Gauges values = gauges.computeIfAbsent(
                key, k -> register(k, "switchboard_check_up", "switchboard_check_latency_seconds"));
        Duration latency = result.latency();
        values.first = result.ok() ? 1 : 0;
        values.second = latency == null ? Double.NaN : latency.toNanos() / 1e9;
    }

    void read(ProbeKey key, ResourceReading reading) {
        Gauges values = gauges.computeIfAbsent(
                key, k -> register(k, "switchboard_resource_value", "switchboard_resource_level"));
        Double value = reading.value();
        values.first = value == null ? Double.NaN : value;
        values.second = code(reading.level());
    }

    /** Removes the probe's gauges (it was removed or changed by a reload). */
    void remove(ProbeKey key) {
        Gauges removed = gauges.remove(key);
        if (removed != null) {
            removed.meters.forEach(registry::remove);
        }
    }

    private Gauges register(ProbeKey key, String firstName, String secondName) {
        Gauges values = new Gauges();
        boolean check = key.kind() == ProbeKey.Kind.CHECK;
        Tags tags = Tags.of("connector", key.connector(), check ? "check" : "resource", key.name());
        Meter first = Gauge.builder(firstName, values, v -> v.first)
                .description(
                        check
                                ? "1 while the check passes, 0 while it fails"
                                : "The resource's latest value; NaN when unreadable")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Meter second = Gauge.builder(secondName, values, v -> v.second)
                .description(
                        check
                                ? "How long the check's latest answer took, to its last byte; NaN when none came"
                                : "The resource's level: 0 ok, 1 warn, 2 critical, -1 unknown (unreadable)")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        values.meters = List.of(first, second);
        return values;
    }

    private static double code(ResourceLevel level) {
        return switch (level) {
            case OK -> 0;
            case WARN -> 1;
            case CRITICAL -> 2;
            case UNKNOWN -> -1;
        };
    }
}
