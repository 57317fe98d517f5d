package io.switchboard.config;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's own settings, under {@code gateway:}.
 *
 * @param listen where callers reach the proxy; default {@code 127.0.0.1:8080}
 * @param admin where the admin API, dashboard, metrics and health checks listen; default {@code 127.0.0.1:8081}
 * @param store {@code sqlite:PATH} (default {@code sqlite:./data/switchboard.db}) or {@code postgresql://HOST:PORT/DB}
 * @param journal how exchanges are kept
 * @param tokens the admin API's bearer tokens; with none, the admin API answers 401 to everything but health checks
 * @param limits limits on callers' requests
 * @param drainTimeout on shutdown, how long in-flight calls may take to finish; default 30s
 * @param webhooks where events are POSTed as they are recorded; none by default
 * @param requireCaller whether anonymous proxy calls are refused with 401 {@code caller-required}; default false
 */
public record GatewayConfig(
        HostPort listen,
        HostPort admin,
        String store,
        JournalConfig journal,
        List<TokenConfig> tokens,
        ServerLimits limits,
        Duration drainTimeout,
        List<WebhookConfig> webhooks,
        boolean requireCaller) {
    public GatewayConfig {
        tokens = List.copyOf(tokens);
        webhooks = List.copyOf(webhooks);
    }

    public static final GatewayConfig DEFAULT = new GatewayConfig(
            new HostPort("127.0.0.1", 8080),
            new HostPort("127.0.0.1", 8081),
            "sqlite:./data/switchboard.db",
            JournalConfig.DEFAULT,
            List.of(),
            ServerLimits.DEFAULT,
            Duration.ofSeconds(30),
            List.of(),
            false);
}
