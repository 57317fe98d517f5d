package io.switchboard.admin;

import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.switchboard.runtime.CapabilityRouter;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * {@code GET /api/v1/capabilities} and {@code /api/v1/capabilities/{id}}: each capability's lamp, the provider calls go
 * to now and why, and every provider's state, so a caller whose providers have different APIs can choose with its own
 * adapter.
 */
final class CapabilityRoutes {
    private CapabilityRoutes() {}

    /** Adds the routes to {@code router}, each behind {@code viewer} (the viewer role check). */
    static void mount(Router router, CapabilityRouter capabilities, Handler<RoutingContext> viewer) {
        router.get("/api/v1/capabilities").handler(viewer).handler(ctx -> {
            JsonArray items = new JsonArray();
            capabilities.statuses().forEach(status -> items.add(toJson(status)));
            AdminServer.json(ctx, 200, new JsonObject().put("items", items));
        });
        router.get("/api/v1/capabilities/:id").handler(viewer).handler(ctx -> {
            String id = Objects.requireNonNullElse(ctx.pathParam("id"), "");
            CapabilityRouter.Status status = capabilities.status(id);
            if (status == null) {
                AdminServer.problem(ctx, Problem.of(ErrorKind.NOT_FOUND, "no capability is named '" + id + "'"));
                return;
            }
            AdminServer.json(ctx, 200, toJson(status));
        });
    }

    /** Returns a capability as the API shows it. */
    static JsonObject toJson(CapabilityRouter.Status status) {
        JsonArray providers = new JsonArray();
        for (CapabilityRouter.Provider provider : status.providers()) {
            providers.add(new JsonObject()
                    .put("connector", provider.connector())
                    .put("weight", provider.weight())
                    .put("usable", provider.usable())
                    .put("reason", provider.reason())
                    .put("lamp", provider.lamp().code()));
        }
        return new JsonObject()
                .put("id", status.config().id())
                .put("strategy", status.config().strategy().code())
                .put("lamp", status.lamp().code())
                .put("chosen", status.chosen())
                .put("reason", status.reason())
                .put("providers", providers);
    }
}
