package io.switchboard.runtime;

import io.switchboard.config.SwitchboardConfig;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a request needs to know, frozen: one generation of the config and the connectors built from it. A reload
 * builds a new snapshot beside this one and swaps it in with one reference write.
 *
 * @param generation rises by one with each applied config
 * @param config the config this snapshot was built from
 * @param connectors connectors by id, in config order
 * @param appliedAt when this snapshot went live
 */
public record RuntimeSnapshot(
        long generation, SwitchboardConfig config, Map<String, ConnectorRuntime> connectors, Instant appliedAt) {
    public RuntimeSnapshot {
        connectors = Collections.unmodifiableMap(new LinkedHashMap<>(connectors));
    }

    /** Returns the connector with this id, or null. */
    public @Nullable ConnectorRuntime connector(String id) {
        return connectors.get(id);
    }
}
