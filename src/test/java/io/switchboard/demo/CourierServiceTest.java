package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningVertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CourierServiceTest {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    private static String courier;

    @BeforeAll
    static void startCourier() {
        courier = Providers.start(
                VERTX.vertx(), new CourierService("courier-express", VERTX.vertx(), new SplittableRandom(1)));
    }

    @Test
    void readsTheOrderInWindows1251AndAnswersInWindows1251() {
        HttpResponse<byte[]> response = Providers.send(
                Providers.post(courier, "/orders", "{\"to\":\"ул. Ленина, д. 1\"}", CourierService.CHARSET)
                        .header("Content-Type", "application/json; charset=windows-1251"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=windows-1251");
        JsonObject order = new JsonObject(new String(response.body(), CourierService.CHARSET));
        assertThat(order.getString("to")).isEqualTo("ул. Ленина, д. 1");
        assertThat(order.getString("state")).isEqualTo("принят");
        assertThat(order.getString("courier")).isEqualTo("courier-express");
        assertThat(order.getLong("order")).isGreaterThan(1000);
    }

    @Test
    void answersCyrillicThatIsNotUtf8() {
        HttpResponse<byte[]> response = Providers.send(Providers.request(courier, "/orders/1001"));

        assertThat(response.statusCode()).isEqualTo(200);
        // One byte a letter, as windows-1251 has it; UTF-8 would take two for each Cyrillic letter.
        assertThat(response.body())
                .isEqualTo("{\"order\":\"1001\",\"state\":\"в пути\",\"courier\":\"courier-express\"}"
                        .getBytes(CourierService.CHARSET));
    }

    @Test
    void refusesAnOrderThatIsNotJson() {
        HttpResponse<byte[]> response =
                Providers.send(Providers.post(courier, "/orders", "to=Lenina", CourierService.CHARSET));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void answersPingAndFreeCouriers() {
        HttpResponse<byte[]> ping = Providers.send(Providers.request(courier, "/ping"));
        HttpResponse<byte[]> free = Providers.send(Providers.request(courier, "/couriers/free"));

        assertThat(new JsonObject(new String(ping.body(), CourierService.CHARSET)).getString("status"))
                .isEqualTo("ok");
        assertThat(new JsonObject(new String(free.body(), CourierService.CHARSET)).getInteger("free"))
                .isBetween(5, 24);
    }

    @Test
    void answersAnUnknownPathWith404() {
        assertThat(Providers.send(Providers.request(courier, "/nowhere")).statusCode())
                .isEqualTo(404);
    }
}
