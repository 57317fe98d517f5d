package io.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole, valid configuration: the gateway's settings, its connectors, capabilities and callers in the order they were
 * written.
 *
 * @param gateway the gateway's own settings
 * @param connectors connectors by id, in file order
 * @param capabilities capabilities by id, in file order; every provider is one of the connectors
 * @param callers known callers by name, in file order; every limited connector is one of the connectors
 */
public record SwitchboardConfig(
        GatewayConfig gateway,
        Map<String, ConnectorConfig> connectors,
        Map<String, CapabilityConfig> capabilities,
        Map<String, CallerConfig> callers) {
    public SwitchboardConfig {
        // A copy that keeps the file order: Map.copyOf would scramble it, and the order shows in the UI.
        connectors = Collections.unmodifiableMap(new LinkedHashMap<>(connectors));
        capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
        callers = Collections.unmodifiableMap(new LinkedHashMap<>(callers));
    }

    /** Returns a config with connectors only: no capabilities, no known callers. */
    public SwitchboardConfig(GatewayConfig gateway, Map<String, ConnectorConfig> connectors) {
        this(gateway, connectors, Map.of(), Map.of());
    }
}
