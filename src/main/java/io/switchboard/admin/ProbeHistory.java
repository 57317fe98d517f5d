package io.switchboard.admin;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.ResourceConfig;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.StoreLink;
import io.switchboard.store.CheckResultStore;
import io.switchboard.store.ResourceReadingStore;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The history endpoints of checks and resources, read from the store newest first:
 * {@code GET /api/v1/connectors/{id}/checks/{name}/history?since=&limit=} and the same under {@code resources}.
 * {@code since} is an ISO-8601 UTC time (default: all history), {@code limit} 1 to 10000 (default 100).
 */
final class ProbeHistory {
    private static final int DEFAULT_LIMIT = 100;

    private ProbeHistory() {}

    /** Answers a check's history. */
    static void checks(RoutingContext ctx, Vertx vertx, LiveRuntime runtime, StoreLink store) {
        String name = Objects.requireNonNullElse(ctx.pathParam("name"), "");
        ConnectorConfig connector = connector(ctx, runtime);
        if (connector == null) {
            return;
        }
        if (connector.checks().stream().map(CheckConfig::name).noneMatch(name::equals)) {
            AdminServer.problem(
                    ctx,
                    Problem.of(
                            ErrorKind.NOT_FOUND,
                            "connector '" + connector.id() + "' has no check named '" + name + "'"));
            return;
        }
        Query query = query(ctx, CheckResultStore.MAX_LIMIT);
        if (query == null) {
            return;
        }
        vertx.executeBlocking(() -> store.read(
                        target -> target.checks().history(connector.id(), name, query.since(), query.limit())))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    JsonArray results = new JsonArray();
                    done.result().forEach(result -> results.add(ConnectorView.checkResult(result)));
                    AdminServer.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("connector", connector.id())
                                    .put("check", name)
                                    .put("results", results));
                });
    }

    /** Answers a resource's history. */
    static void resources(RoutingContext ctx, Vertx vertx, LiveRuntime runtime, StoreLink store) {
        String name = Objects.requireNonNullElse(ctx.pathParam("name"), "");
        ConnectorConfig connector = connector(ctx, runtime);
        if (connector == null) {
            return;
        }
        if (connector.resources().stream().map(ResourceConfig::name).noneMatch(name::equals)) {
            AdminServer.problem(
                    ctx,
                    Problem.of(
                            ErrorKind.NOT_FOUND,
                            "connector '" + connector.id() + "' has no resource named '" + name + "'"));
            return;
        }
        Query query = query(ctx, ResourceReadingStore.MAX_LIMIT);
        if (query == null) {
            return;
        }
        vertx.executeBlocking(() -> store.read(
                        target -> target.resources().history(connector.id(), name, query.since(), query.limit())))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    JsonArray readings = new JsonArray();
                    done.result().forEach(reading -> readings.add(ConnectorView.resourceReading(reading)));
                    AdminServer.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("connector", connector.id())
                                    .put("resource", name)
                                    .put("readings", readings));
                });
    }

    /**
     * The parameters of a history query.
     *
     * @param since the oldest time wanted
     * @param limit the most results wanted
     */
    private record Query(Instant since, int limit) {}

    private static @Nullable ConnectorConfig connector(RoutingContext ctx, LiveRuntime runtime) {
        String id = Objects.requireNonNullElse(ctx.pathParam("id"), "");
        ConnectorRuntime connector = runtime.current().connector(id);
        if (connector == null) {
            AdminServer.problem(ctx, Problem.of(ErrorKind.NOT_FOUND, "no connector is named '" + id + "'"));
            return null;
        }
        return connector.config();
    }

    /** Returns the query, or null after answering 400 for a malformed parameter. */
    private static @Nullable Query query(RoutingContext ctx, int maxLimit) {
        MultiMap params = ctx.request().params();
        String since = params.get("since");
        String limit = params.get("limit");
        Instant from = Instant.EPOCH;
        int most = DEFAULT_LIMIT;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                AdminServer.problem(
                        ctx,
                        Problem.of(
                                ErrorKind.BAD_REQUEST,
                                "since \"" + since + "\" is not a time (expected: ISO-8601 UTC such as"
                                        + " 2026-11-26T14:00:00Z)"));
                return null;
            }
        }
        if (limit != null && !limit.isBlank()) {
            try {
                most = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                most = -1;
            }
            if (most < 1 || most > maxLimit) {
                AdminServer.problem(
                        ctx,
                        Problem.of(
                                ErrorKind.BAD_REQUEST,
                                "limit \"" + limit + "\" is out of range (expected: 1 to " + maxLimit + ")"));
                return null;
            }
        }
        return new Query(from, most);
    }

    private static void unavailable(RoutingContext ctx, Throwable cause) {
        AdminServer.problem(
                ctx,
                Problem.of(
                        ErrorKind.STORE_UNAVAILABLE,
                        "history cannot be read while the store is unavailable: " + cause.getMessage()));
    }
}
