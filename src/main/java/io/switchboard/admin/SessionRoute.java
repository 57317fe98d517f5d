package io.switchboard.admin;

import io.switchboard.config.TokenConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/session}: who the bearer token is, {@code {"name": "wall-tv", "role": "viewer"}}, so the
 * dashboard can disable what the role may not do.
 */
final class SessionRoute {
    private SessionRoute() {}

    /** Answers with the token's name and role; the secret never leaves the gateway. */
    static void handle(RoutingContext ctx, TokenConfig token) {
        AdminServer.json(
                ctx,
                200,
                new JsonObject()
                        .put("name", token.name())
                        .put("role", token.role().code()));
    }
}
