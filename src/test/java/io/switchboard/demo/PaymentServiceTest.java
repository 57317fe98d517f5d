package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningVertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaymentServiceTest {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    private static String acquirer;

    @BeforeAll
    static void startAcquirer() {
        acquirer = Providers.start(VERTX.vertx(), new PaymentService("pay-key"));
    }

    private static HttpResponse<byte[]> pay(String card, String authorization) {
        String body = "{\"amount\":1500,\"currency\":\"RUB\",\"card\":{\"number\":\"" + card
                + "\",\"expiry\":\"12/29\",\"cvv\":\"123\"}}";
        return Providers.send(Providers.post(acquirer, "/payments", body, StandardCharsets.UTF_8)
                .header("Authorization", authorization));
    }

    @Test
    void echoesTheCardNumberAndCvvItWasSent() {
        HttpResponse<byte[]> response = pay("4111111111111111", "Bearer pay-key");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject payment = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(payment.getString("status")).isEqualTo("authorized");
        assertThat(payment.getString("payment")).startsWith("pay-");
        assertThat(payment.getJsonObject("card").getString("number")).isEqualTo("4111111111111111");
        assertThat(payment.getJsonObject("card").getString("cvv")).isEqualTo("123");
    }

    @Test
    void declinesTheCardEndingIn0002With402() {
        HttpResponse<byte[]> response = pay(PaymentService.DECLINED_CARD, "Bearer pay-key");

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getString("status"))
                .isEqualTo("declined");
    }

    @Test
    void refusesAPaymentWithoutItsBearerToken() {
        assertThat(pay("4111111111111111", "Bearer guess").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAPaymentWithoutACardNumber() {
        HttpResponse<byte[]> response =
                Providers.send(Providers.post(acquirer, "/payments", "{\"amount\":1}", StandardCharsets.UTF_8)
                        .header("Authorization", "Bearer pay-key"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void tellsAPaymentsState() {
        HttpResponse<byte[]> response = Providers.send(
                Providers.request(acquirer, "/payments/pay-7001").header("Authorization", "Bearer pay-key"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":\"settled\"");
    }
}
