package io.switchboard.admin;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.ResourceConfig;
import io.switchboard.config.ScheduleConfig;
import io.switchboard.config.Thresholds;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.health.LampReason;
import io.switchboard.health.LampStatus;
import io.switchboard.health.TrafficStats;
import io.switchboard.health.TrafficWindow;
import io.switchboard.pipeline.Policy;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.probe.CheckStatus;
import io.switchboard.probe.ResourceStatus;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.LampWatch;
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
    /** The windows the detail shows traffic over, by the names it shows them under. */
    private static final List<Duration> TRAFFIC_WINDOWS =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), TrafficWindow.SPAN);

    private ConnectorView() {}

    /** Returns the short form used in the connectors list: with the lamp and the reason that sets its colour. */
    static JsonObject summary(ConnectorRuntime connector, LampStatus lamp) {
        ConnectorConfig config = connector.config();
        LampReason top = lamp.topReason();
        TrafficStats lastMinute = connector.meters().traffic().stats(Duration.ofMinutes(1));
        return new JsonObject()
                .put("id", config.id())
                .put("lamp", lamp.lamp().code())
                .put("reason", top == null ? null : top.text())
                .put("capability", config.capability())
                .put("stages", new JsonArray(connector.pipeline().stageNames()))
                .put("inFlight", connector.meters().inFlight())
                // The wall's tile figures: requests per second and errors per call over the last minute.
                .put("rate", round(lastMinute.rate(), 3))
                .put("errorRate", round(lastMinute.errorRate(), 4))
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
                .put("policies", policies)
                .put("schedule", scheduleJson(connector.config().schedule()));
    }

    /** Returns the configured week for the connector page: zone, weekly windows, closed dates, dated windows. */
    private static @Nullable JsonObject scheduleJson(@Nullable ScheduleConfig schedule) {
        if (schedule == null) {
            return null;
        }
        JsonArray open = new JsonArray();
        schedule.open().forEach(window -> open.add(window.text()));
        JsonArray closedOn = new JsonArray();
        schedule.closedOn().forEach(date -> closedOn.add(date.toString()));
        JsonArray openOn = new JsonArray();
        schedule.openOn().forEach(window -> openOn.add(window.text()));
        return new JsonObject()
                .put("zone", schedule.zone().getId())
                .put("open", open)
                .put("closedOn", closedOn)
                .put("openOn", openOn);
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
