package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A card acquirer with a careless API: {@code POST /payments} authorizes a payment and echoes the whole card back,
 * number and CVV included (so the journal has something to mask), and {@code GET /payments/{id}} tells a payment's
 * state. Cards ending in 0002 are declined with 402. It insists on {@code Authorization: Bearer <key>}.
 */
public final class PaymentService implements Handler<HttpServerRequest> {
    /** A card number the provider always declines. */
    public static final String DECLINED_CARD = "4000000000000002";

    private final String bearer;
    private final AtomicLong nextPayment = new AtomicLong(7000);

    /** Creates the acquirer, which accepts {@code Bearer apiKey}. */
    public PaymentService(String apiKey) {
        this.bearer = "Bearer " + apiKey;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "/");
        if (!bearer.equals(request.getHeader("Authorization"))) {
            CourierService.json(request, 401, new JsonObject().put("error", "missing or wrong bearer token"));
        } else if (HttpMethod.POST.equals(request.method()) && path.equals("/payments")) {
            request.body().onSuccess(body -> pay(request, body));
        } else if (HttpMethod.GET.equals(request.method()) && path.startsWith("/payments/")) {
            CourierService.json(
                    request,
                    200,
                    new JsonObject()
                            .put("payment", path.substring("/payments/".length()))
                            .put("status", "settled"));
        } else {
            CourierService.json(request, 404, new JsonObject().put("error", "no such resource: " + path));
        }
    }

    private void pay(HttpServerRequest request, Buffer body) {
        JsonObject payment;
        JsonObject card;
        try {
            payment = new JsonObject(body);
            card = payment.getJsonObject("card");
        } catch (DecodeException | ClassCastException e) {
            CourierService.json(request, 400, new JsonObject().put("error", "the body must be a JSON object"));
            return;
        }
        if (card == null || !(card.getValue("number") instanceof String number)) {
            CourierService.json(request, 400, new JsonObject().put("error", "card.number is required"));
            return;
        }
        boolean declined = number.equals(DECLINED_CARD);
        CourierService.json(
                request,
                declined ? 402 : 201,
                new JsonObject()
                        .put("payment", "pay-" + nextPayment.incrementAndGet())
                        .put("status", declined ? "declined" : "authorized")
                        .put("amount", payment.getValue("amount"))
                        .put("currency", payment.getValue("currency"))
                        .put("card", card.copy()));
    }
}
