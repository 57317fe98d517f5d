package io.switchboard.probe;

import io.switchboard.config.ResourceConfig;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import org.jspecify.annotations.Nullable;

/**
 * A resource as it stands now, for the lamps and the admin API.
 *
 * @param connector the connector's id
 * @param config the resource as configured, thresholds included
 * @param latest its latest reading, or null before its first run
 * @param threshold the threshold the latest value crossed, as written for people ({@code warn below 100}); empty when
 *     it crossed none or could not be read
 * @param lastKnownLevel the level of the latest reading that had a number, which threshold crossings are measured
 *     from; null before the first such reading
 */
public record ResourceStatus(
        String connector,
        ResourceConfig config,
        @Nullable ResourceReading latest,
        String threshold,
        @Nullable ResourceLevel lastKnownLevel) {}
