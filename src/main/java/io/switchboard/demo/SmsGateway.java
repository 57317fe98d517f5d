package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMS provider account with a prepaid balance: each message ({@code POST /messages}) costs one unit, {@code GET
 * /balance} tells what is left, {@code POST /balance/top-up} with a number as the body adds units, and with nothing left
 * it answers 402 like real ones do. It insists on its API key in {@code X-Api-Key} (the top-up is the account owner's
 * web page, so it needs none).
 */
public final class SmsGateway implements Handler<HttpServerRequest> {
    private final String name;
    private final String apiKey;
    private final AtomicLong balance;
    private final AtomicLong nextMessage = new AtomicLong(5000);

    /** Creates the account {@code name}, which accepts {@code apiKey} and starts with {@code balance} units. */
    public SmsGateway(String name, String apiKey, long balance) {
        this.name = name;
        this.apiKey = apiKey;
        this.balance = new AtomicLong(balance);
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "/");
        if (HttpMethod.POST.equals(request.method()) && path.equals("/balance/top-up")) {
            request.body().onSuccess(body -> topUp(request, body));
        } else if (!apiKey.equals(request.getHeader("X-Api-Key"))) {
            CourierService.json(request, 401, new JsonObject().put("error", "missing or wrong X-Api-Key"));
        } else if (HttpMethod.GET.equals(request.method()) && path.equals("/balance")) {
            CourierService.json(
                    request, 200, new JsonObject().put("balance", balance.get()).put("provider", name));
        } else if (HttpMethod.POST.equals(request.method()) && path.equals("/messages")) {
            request.body().onSuccess(body -> send(request));
        } else {
            CourierService.json(request, 404, new JsonObject().put("error", "no such resource: " + path));
        }
    }

    private void send(HttpServerRequest request) {
        long left = balance.getAndUpdate(units -> units > 0 ? units - 1 : 0);
        if (left <= 0) {
            CourierService.json(
                    request,
                    402,
                    new JsonObject()
                            .put("error", "balance exhausted: top up the account")
                            .put("provider", name));
            return;
        }
        CourierService.json(
                request,
                200,
                new JsonObject()
                        .put("message", "m-" + nextMessage.incrementAndGet())
                        .put("status", "queued")
                        .put("provider", name)
                        .put("balance", left - 1));
    }

    private void topUp(HttpServerRequest request, Buffer body) {
        long units;
        try {
            units = Long.parseLong(body.toString().strip());
        } catch (NumberFormatException e) {
            units = -1;
        }
        if (units <= 0) {
            CourierService.json(
                    request, 400, new JsonObject().put("error", "the body must be a positive number of units"));
            return;
        }
        CourierService.json(
                request, 200, new JsonObject().put("balance", topUp(units)).put("provider", name));
    }

    /** Adds {@code units} to the balance and returns the new balance. */
    public long topUp(long units) {
        return balance.addAndGet(units);
    }

    /** Returns the units left. */
    public long balance() {
        return balance.get();
    }

    /** Returns the account's name. */
    public String name() {
        return name;
    }
}
