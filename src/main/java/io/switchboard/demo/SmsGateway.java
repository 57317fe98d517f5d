package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMS provider with a prepaid balance: each message ({@code POST /messages}) costs one unit, {@code GET /balance}
 * tells what is left, and with nothing left it answers 402 like real ones do. It insists on its API key.
 */
public final class SmsGateway implements Handler<HttpServerRequest> {
    private final String apiKey;
    private final AtomicLong balance;

    /** Creates a provider that accepts {@code apiKey} in {@code X-Api-Key} and starts with {@code balance} units. */
    public SmsGateway(String apiKey, long balance) {
        this.apiKey = apiKey;
        this.balance = new AtomicLong(balance);
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (!apiKey.equals(request.getHeader("X-Api-Key"))) {
            CourierService.json(request, 401, new JsonObject().put("error", "missing or wrong X-Api-Key"));
            return;
        }
        String path = java.util.Objects.requireNonNullElse(request.path(), "/");
        if (HttpMethod.GET.equals(request.method()) && path.equals("/balance")) {
            CourierService.json(request, 200, new JsonObject().put("balance", balance.get()));
        } else if (HttpMethod.POST.equals(request.method()) && path.equals("/messages")) {
            request.body().onComplete(body -> send(request));
        } else {
            CourierService.json(request, 404, new JsonObject().put("error", "no such resource: " + path));
        }
    }

    private void send(HttpServerRequest request) {
        long left = balance.getAndUpdate(units -> units > 0 ? units - 1 : 0);
        if (left <= 0) {
            CourierService.json(request, 402, new JsonObject().put("error", "balance exhausted"));
            return;
        }
        CourierService.json(
                request, 200, new JsonObject().put("message", "queued").put("balance", left - 1));
    }

    /** Returns the units left. */
    public long balance() {
        return balance.get();
    }
}
