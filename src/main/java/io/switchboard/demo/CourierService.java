package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A courier service: takes orders ({@code POST /orders}) and reports their state ({@code GET /orders/{id}}), answering
 * in 20 to 120 ms like a busy provider would.
 */
public final class CourierService implements Handler<HttpServerRequest> {
    private final Vertx vertx;
    private final RandomGenerator random;
    private final AtomicLong nextOrder = new AtomicLong(1000);

    /** Creates the service; {@code random} draws its latencies. */
    public CourierService(Vertx vertx, RandomGenerator random) {
        this.vertx = vertx;
        this.random = random;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onComplete(body -> vertx.setTimer(20 + random.nextInt(100), id -> answer(request)));
    }

    private void answer(HttpServerRequest request) {
        String path = java.util.Objects.requireNonNullElse(request.path(), "/");
        if (HttpMethod.POST.equals(request.method()) && path.equals("/orders")) {
            json(
                    request,
                    201,
                    new JsonObject().put("order", nextOrder.incrementAndGet()).put("state", "accepted"));
        } else if (HttpMethod.GET.equals(request.method()) && path.startsWith("/orders/")) {
            json(request, 200, new JsonObject().put("order", path.substring(8)).put("state", "on-the-way"));
        } else if (path.equals("/ping")) {
            json(request, 200, new JsonObject().put("status", "ok"));
        } else {
            json(request, 404, new JsonObject().put("error", "no such resource: " + path));
        }
    }

    static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
