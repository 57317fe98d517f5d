package io.switchboard.admin;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.ResourceConfig;
import io.switchboard.config.Thresholds;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.pipeline.Policy;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.probe.CheckStatus;
import io.switchboard.probe.ResourceStatus;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.store.CheckResult;
import io.switchboard.store.ResourceReading;
import io.switchboard.upstream.Endpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

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

    /** Returns the connector's checks, each with its latest result (null fields before its first run). */
    static JsonArray checks(List<CheckStatus> statuses) {
        JsonArray checks = new JsonArray();
        for (CheckStatus status : statuses) {
            CheckConfig config = status.config();
            JsonObject check = new JsonObject()
                    .put("name", config.name())
                    .put("request", config.request().line())
                    .put("every", text(config.every()))
                    .put("timeout", text(config.timeout()));
            CheckResult latest = status.latest();
            check.put("ok", latest == null ? null : latest.ok());
            check.put("status", latest == null ? null : latest.status());
            check.put("latencyMs", latest == null ? null : millis(latest.latency()));
            check.put("message", latest == null ? "not run yet" : latest.message());
            check.put("time", latest == null ? null : latest.time().toString());
            Object since = status.failingSince() == null ? null : String.valueOf(status.failingSince());
            checks.add(check.put("failingSince", since));
        }
        return checks;
    }

    /** Returns the connector's resources, each with its thresholds and latest reading (null before the first). */
    static JsonArray resources(List<ResourceStatus> statuses) {
        JsonArray resources = new JsonArray();
        for (ResourceStatus status : statuses) {
            ResourceConfig config = status.config();
            Thresholds thresholds = config.thresholds();
            ResourceReading latest = status.latest();
            resources.add(new JsonObject()
                    .put("name", config.name())
                    .put("request", config.request().line())
                    .put("every", text(config.every()))
                    .put(
                            "thresholds",
                            new JsonObject()
                                    .put("warnBelow", thresholds.warnBelow())
                                    .put("criticalBelow", thresholds.criticalBelow())
                                    .put("warnAbove", thresholds.warnAbove())
                                    .put("criticalAbove", thresholds.criticalAbove()))
                    .put("value", latest == null ? null : latest.value())
                    .put("level", latest == null ? null : latest.level().wireName())
                    .put("message", latest == null ? "not read yet" : latest.message())
                    .put("time", latest == null ? null : latest.time().toString()));
        }
        return resources;
    }

    /** Returns one check result as the history API writes it. */
    static JsonObject checkResult(CheckResult result) {
        return new JsonObject()
                .put("time", result.time().toString())
                .put("ok", result.ok())
                .put("status", result.status())
                .put("latencyMs", millis(result.latency()))
                .put("message", result.message());
    }

    /** Returns one resource reading as the history API writes it. */
    static JsonObject resourceReading(ResourceReading reading) {
        return new JsonObject()
                .put("time", reading.time().toString())
                .put("value", reading.value())
                .put("level", reading.level().wireName())
                .put("message", reading.message());
    }

    private static @Nullable Double millis(@Nullable Duration latency) {
        return latency == null ? null : Math.round(latency.toNanos() / 1_000.0) / 1_000.0;
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
