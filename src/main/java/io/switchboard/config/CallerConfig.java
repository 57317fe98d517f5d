package io.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A service that calls through the gateway, under {@code callers.<name>:}.
 *
 * @param name the caller's name, as sent in {@code Switchboard-Caller} and shown in metrics and the journal
 * @param key the API key that identifies the caller ({@code Switchboard-Api-Key}), or null when the caller names itself
 *     with {@code Switchboard-Caller} only; a caller with a key must present it
 * @param limits the caller's own rate limit per connector id, beside the connector's limit for everyone
 */
public record CallerConfig(String name, @Nullable Secret key, Map<String, Rate> limits) {
    public CallerConfig {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }
}
