package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One reading of a connector's resource (SMS balance, free couriers, stock) by its probe.
 *
 * @param connector the connector's id
 * @param resource the resource's name within the connector
 * @param time when the probe ran; kept to the microsecond, and one reading per resource and microsecond
 * @param value the number the probe read; null when the probe failed
 * @param level the value against the thresholds; {@link ResourceLevel#UNKNOWN} when the probe failed
 * @param message why the probe failed, or a short note
 */
public record ResourceReading(
        String connector,
        String resource,
        Instant time,
        @Nullable Double value,
        ResourceLevel level,
        String message) {
    public ResourceReading {
        requireNonNull(connector, "connector");
        requireNonNull(resource, "resource");
        requireNonNull(time, "time");
        requireNonNull(level, "level");
        requireNonNull(message, "message");
        if (value != null && !Double.isFinite(value)) {
            // SQLite would store NaN as NULL; a probe that reads no number records a failed reading instead.
            throw new IllegalArgumentException("resource reading " + value + " is not a finite number");
        }
    }
}
