package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A courier service of the old school: takes orders ({@code POST /orders}), reports their state ({@code GET
 * /orders/{id}}) and its free couriers ({@code GET /couriers/free}), reads and writes JSON in windows-1251 only, and
 * answers in 20 to 120 ms like a busy provider would.
 */
public final class CourierService implements Handler<HttpServerRequest> {
    /** The only charset the service speaks. */
    public static final Charset CHARSET = Charset.forName("windows-1251");

    private static final String CONTENT_TYPE = "application/json; charset=windows-1251";

    private final String name;
    private final Vertx vertx;
    private final RandomGenerator random;
    private final AtomicLong nextOrder = new AtomicLong(1000);

    /** Creates the service called {@code name}; {@code random} draws its latencies and free couriers. */
    public CourierService(String name, Vertx vertx, RandomGenerator random) {
        this.name = name;
        this.vertx = vertx;
        this.random = random;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> vertx.setTimer(20 + random.nextInt(100), id -> answer(request, body)));
    }

    private void answer(HttpServerRequest request, Buffer body) {
        String path = Objects.requireNonNullElse(request.path(), "/");
        if (HttpMethod.POST.equals(request.method()) && path.equals("/orders")) {
            order(request, body);
        } else if (HttpMethod.GET.equals(request.method()) && path.startsWith("/orders/")) {
            reply(
                    request,
                    200,
                    new JsonObject()
                            .put("order", path.substring("/orders/".length()))
                            .put("state", "в пути")
                            .put("courier", name));
        } else if (HttpMethod.GET.equals(request.method()) && path.equals("/couriers/free")) {
            reply(request, 200, new JsonObject().put("free", 5 + random.nextInt(20)));
        } else if (path.equals("/ping")) {
            reply(request, 200, new JsonObject().put("status", "ok"));
        } else {
            reply(request, 404, new JsonObject().put("error", "нет такого ресурса: " + path));
        }
    }

    private void order(HttpServerRequest request, Buffer body) {
        JsonObject order;
        try {
            order = new JsonObject(body.toString(CHARSET));
        } catch (DecodeException | ClassCastException e) {
            reply(request, 400, new JsonObject().put("error", "заказ должен быть объектом JSON в windows-1251"));
            return;
        }
        reply(
                request,
                201,
                new JsonObject()
                        .put("order", nextOrder.incrementAndGet())
                        .put("state", "принят")
                        .put("to", order.getValue("to"))
                        .put("courier", name));
    }

    private static void reply(HttpServerRequest request, int status, JsonObject body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(Buffer.buffer(body.encode().getBytes(CHARSET)));
    }

    /** Answers {@code body} as UTF-8 JSON; the other simulated providers use it. */
    static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
