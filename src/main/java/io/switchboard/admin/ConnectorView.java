package io.switchboard.admin;

import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.pipeline.Policy;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.upstream.Endpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Renders a running connector as the admin API's JSON. */
final class ConnectorView {
    private ConnectorView() {}

    /** Returns the short form used in the connectors list. */
    static JsonObject summary(ConnectorRuntime connector) {
        ConnectorConfig config = connector.config();
        return new JsonObject()
                .put("id", config.id())
                .put("capability", config.capability())
                .put("stages", new JsonArray(connector.pipeline().stageNames()))
                .put("inFlight", connector.meters().inFlight())
                .put("endpoints", connector.endpoints().endpoints().size())
                .put("ejectedEndpoints", connector.endpoints().ejectedCount());
    }

    /** Returns the full form: upstream settings, endpoints with live counters, every policy's live state. */
    static JsonObject detail(ConnectorRuntime connector) {
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
        return summary(connector)
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
