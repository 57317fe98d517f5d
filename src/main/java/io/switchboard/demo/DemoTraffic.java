package io.switchboard.demo;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The demo's callers and what they call, about four calls a second in all: {@code shop} orders deliveries and takes
 * payments, {@code billing} charges cards and reads exchange rates, {@code notifier} sends SMS.
 */
public final class DemoTraffic {
    /** Where SMS go: the capability, so the gateway picks the account. */
    public static final String SMS_PATH = "/~sms/messages";

    /** Where deliveries are ordered: the capability, so the gateway picks the courier that is open. */
    public static final String DELIVERY_PATH = "/~delivery/orders";

    /** Test cards, one of them always declined. */
    private static final List<String> CARDS = List.of(
            "4111111111111111",
            "5555555555554444",
            "378282246310005",
            "6011111111111117",
            PaymentService.DECLINED_CARD);

    private static final List<String> STREETS =
            List.of("ул. Ленина", "Невский проспект", "ул. Тверская", "Садовая ул.", "пр. Мира");

    private DemoTraffic() {}

    /** Returns the demo's routes. */
    public static List<Traffic.Route> routes() {
        return List.of(
                new Traffic.Route(
                        "notifier", HttpMethod.POST, random -> SMS_PATH, DemoTraffic::message, Duration.ofSeconds(1)),
                new Traffic.Route(
                        "shop", HttpMethod.POST, random -> DELIVERY_PATH, DemoTraffic::order, Duration.ofSeconds(2)),
                new Traffic.Route(
                        "shop",
                        HttpMethod.GET,
                        random -> DELIVERY_PATH + "/" + (1001 + random.nextInt(100)),
                        random -> "",
                        Duration.ofSeconds(3)),
                new Traffic.Route(
                        "shop",
                        HttpMethod.POST,
                        random -> "/payments/payments",
                        DemoTraffic::payment,
                        Duration.ofSeconds(3)),
                new Traffic.Route(
                        "billing",
                        HttpMethod.POST,
                        random -> "/payments/payments",
                        DemoTraffic::payment,
                        Duration.ofSeconds(4)),
                new Traffic.Route(
                        "billing",
                        HttpMethod.GET,
                        random -> "/payments/payments/pay-" + (7001 + random.nextInt(50)),
                        random -> "",
                        Duration.ofSeconds(5)),
                Traffic.Route.of("billing", HttpMethod.GET, "/rates-feed/rates", Duration.ofSeconds(1)),
                Traffic.Route.of("shop", HttpMethod.GET, "/rates-feed/rates?base=RUB", Duration.ofSeconds(2)));
    }

    private static String message(RandomGenerator random) {
        return new JsonObject()
                .put("to", "+7900" + (1_000_000 + random.nextInt(9_000_000)))
                .put("text", "Ваш заказ " + (1001 + random.nextInt(100)) + " передан курьеру")
                .encode();
    }

    private static String order(RandomGenerator random) {
        return new JsonObject()
                .put("to", STREETS.get(random.nextInt(STREETS.size())) + ", д. " + (1 + random.nextInt(120)))
                .put("weightKg", 0.5 + random.nextInt(40) / 4.0)
                .encode();
    }

    private static String payment(RandomGenerator random) {
        return new JsonObject()
                .put("amount", 100 + random.nextInt(9_900))
                .put("currency", "RUB")
                .put(
                        "card",
                        new JsonObject()
                                .put("number", CARDS.get(random.nextInt(CARDS.size())))
                                .put("expiry", "12/29")
                                .put("cvv", String.format(Locale.ROOT, "%03d", random.nextInt(1000))))
                .encode();
    }
}
