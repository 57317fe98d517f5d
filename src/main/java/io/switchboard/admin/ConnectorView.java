package io.switchboard.admin;

import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.health.LampReason;
import io.switchboard.health.LampStatus;
import io.switchboard.health.TrafficStats;
import io.switchboard.health.TrafficWindow;
import io.switchboard.pipeline.Policy;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.LampWatch;
import io.switchboard.upstream.Endpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/** Renders a running connector as the admin API's JSON. */
final class ConnectorView {
    /** The windows the detail shows traffic over, by the names it shows them under. */
    private static final List<Duration> TRAFFIC_WINDOWS =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), TrafficWindow.SPAN);

    private ConnectorView() {}

    /** Returns the short form used in the connectors list: with the lamp and the reason that sets its colour. */
    static JsonObject summary(ConnectorRuntime connector, LampStatus lamp) {
        ConnectorConfig config = connector.config();
        LampReason top = lamp.topReason();
        return new JsonObject()
                .put("id", config.id())
                .put("lamp", lamp.lamp().code())
                .put("reason", top == null ? null : top.text())
                .put("capability", config.capability())
                .put("stages", new JsonArray(connector.pipeline().stageNames()))
                .put("inFlight", connector.meters().inFlight())
                .put("endpoints", connector.endpoints().endpoints().size())
                .put("ejectedEndpoints", connector.endpoints().ejectedCount());
    }

    /**
     * Returns the full form: the lamp with every reason, traffic over the last 1, 5 and 15 minutes, upstream settings,
     * endpoints with live counters, every policy's live state.
     */
    static JsonObject detail(ConnectorRuntime connector, LampStatus lamp) {
        UpstreamConfig upstream = connector.config().upstream();
        long now = System.nanoTime();
        JsonArray endpoints = new JsonArray();
        for (Endpoint endpoint : connector.endpoints().endpoints()) {
            endpoints.add(new JsonObject()
                    .put("url", endpoint.baseUrl())
                    .put("inFlight", endpoint.inFlight())
                    .put("consecutiveFailures", endpoint.consecutiveFailures())
                    .put("ejected", endpoint.isEjected(now)));
        }
        JsonObject policies = new JsonObject();
        for (Policy policy : connector.pipeline().policies()) {
            policies.put(policy.name(), new JsonObject(new java.util.LinkedHashMap<>(policy.liveState())));
        }
        JsonArray reasons = new JsonArray();
        lamp.reasons().forEach(reason -> reasons.add(LampWatch.reasonJson(reason)));
        JsonObject traffic = new JsonObject();
        for (Duration window : TRAFFIC_WINDOWS) {
            traffic.put(
                    window.toMinutes() + "m",
                    trafficJson(connector.meters().traffic().stats(window)));
        }
        return summary(connector, lamp)
                .put("reasons", reasons)
                .put("traffic", traffic)
                .put(
                        "upstream",
                        new JsonObject()
                                .put("endpoints", endpoints)
                                .put(
                                        "balance",
                                        upstream.balance()
                                                .name()
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', '-'))
                                .put("protocol", upstream.protocol().name().toLowerCase(java.util.Locale.ROOT))
                                .put("connectTimeout", text(upstream.connectTimeout()))
                                .put("responseTimeout", text(upstream.responseTimeout()))
                                .put("callTimeout", text(upstream.callTimeout())))
                .put("policies", policies);
    }

    /**
     * Returns one window's traffic: {@code requests}, {@code rate} (requests per second), {@code calls} and
     * {@code errors} (those the provider answered or failed), {@code errorRate} (errors per call, 0 to 1), and the
     * latency percentiles {@code p50Ms} and {@code p95Ms} (null without calls).
     */
    static JsonObject trafficJson(TrafficStats stats) {
        return new JsonObject()
                .put("requests", stats.requests())
                .put("rate", round(stats.rate(), 3))
                .put("calls", stats.calls())
                .put("errors", stats.failed())
                .put("refused", stats.refused())
                .put("errorRate", round(stats.errorRate(), 4))
                .put("p50Ms", stats.p50() == null ? null : round(stats.p50().toNanos() / 1e6, 1))
                .put("p95Ms", stats.p95() == null ? null : round(stats.p95().toNanos() / 1e6, 1));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Returns a switch position as JSON. */
    static JsonObject switchJson(SwitchPosition position) {
        return new JsonObject()
                .put("on", position.on())
                .put("reason", position.reason())
                .put("changedBy", position.changedBy())
                .put(
                        "changedAt",
                        position.changedAt() == null
                                ? null
                                : position.changedAt().toString());
    }

    /** Returns a duration the way the YAML writes it: {@code 250ms}, {@code 2s}, {@code 5m}. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0 && millis > 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
