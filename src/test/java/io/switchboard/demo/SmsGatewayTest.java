package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningVertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsGatewayTest {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    private static HttpResponse<byte[]> message(String url, String key) {
        return Providers.send(
                Providers.post(url, "/messages", "{\"to\":\"+79001234567\",\"text\":\"hi\"}", StandardCharsets.UTF_8)
                        .header("X-Api-Key", key));
    }

    private static JsonObject json(HttpResponse<byte[]> response) {
        return new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void spendsOneUnitPerMessageAndTellsTheBalance() {
        SmsGateway sms = new SmsGateway("sms-alpha", "key", 3);
        String url = Providers.start(VERTX.vertx(), sms);

        HttpResponse<byte[]> sent = message(url, "key");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(json(sent).getString("provider")).isEqualTo("sms-alpha");
        assertThat(json(sent).getLong("balance")).isEqualTo(2);
        assertThat(json(Providers.send(Providers.request(url, "/balance").header("X-Api-Key", "key")))
                        .getLong("balance"))
                .isEqualTo(2);
        assertThat(sms.balance()).isEqualTo(2);
    }

    @Test
    void answers402OnceTheBalanceIsSpent() {
        SmsGateway sms = new SmsGateway("sms-alpha", "key", 2);
        String url = Providers.start(VERTX.vertx(), sms);
        message(url, "key");
        message(url, "key");

        HttpResponse<byte[]> refused = message(url, "key");

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(json(refused).getString("error")).contains("balance exhausted");
        assertThat(sms.balance()).isZero();
    }

    @Test
    void sendsAgainAfterATopUp() {
        SmsGateway sms = new SmsGateway("sms-alpha", "key", 0);
        String url = Providers.start(VERTX.vertx(), sms);

        HttpResponse<byte[]> topUp = Providers.send(
                Providers.request(url, "/balance/top-up").POST(HttpRequest.BodyPublishers.ofString("5")));

        assertThat(topUp.statusCode()).isEqualTo(200);
        assertThat(json(topUp).getLong("balance")).isEqualTo(5);
        assertThat(message(url, "key").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesATopUpThatIsNotAPositiveNumber() {
        String url = Providers.start(VERTX.vertx(), new SmsGateway("sms-alpha", "key", 0));

        HttpResponse<byte[]> topUp = Providers.send(
                Providers.request(url, "/balance/top-up").POST(HttpRequest.BodyPublishers.ofString("-5")));

        assertThat(topUp.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAWrongApiKeyWithoutSpendingAUnit() {
        SmsGateway sms = new SmsGateway("sms-beta", "key", 10);
        String url = Providers.start(VERTX.vertx(), sms);

        HttpResponse<byte[]> refused = message(url, "not-the-key");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(sms.balance()).isEqualTo(10);
    }
}
