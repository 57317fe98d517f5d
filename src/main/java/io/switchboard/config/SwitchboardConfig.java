package io.switchboard.config;

import java.util.Map;

/**
 * A whole, valid configuration: the gateway's settings and its connectors in the order they were written.
 *
 * @param gateway the gateway's own settings
 * @param connectors connectors by id, in file order
 */
public record SwitchboardConfig(GatewayConfig gateway, Map<String, ConnectorConfig> connectors) {
    public SwitchboardConfig {
        // A copy that keeps the file order: Map.copyOf would scramble it, and the order shows in the UI.
        connectors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(connectors));
    }
}
