package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lamps through the real gateway: switch, objectives, events in the API, metrics, webhooks. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LampsIT {
    private static final String OPERATOR = "operator-secret-0123456789";
    private static final Duration LAMP_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    @Order(1)
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(2)
    static final FakeUpstream RECEIVER = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
                    () -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      tokens:
                        - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                      webhooks:
                        - url: "%2$s/hooks/T0/B0/secret"
                          events: [ lamp-changed, switched ]
                    connectors:
                      courier:
                        upstream: { endpoints: [ "%1$s/courier" ] }
                        objectives: { error-rate: 5%%, p95: 2s, min-requests: 10 }
                      flaky:
                        upstream: { endpoints: [ "%1$s/flaky" ] }
                        objectives: { error-rate: 5%%, min-requests: 10 }
                      shaky:
                        upstream: { endpoints: [ "%1$s/shaky" ] }
                        objectives: { error-rate: 20%%, min-requests: 10 }
                      parcel:
                        upstream: { endpoints: [ "%1$s/parcel" ] }
                    """.formatted(UPSTREAM.baseUrl(), RECEIVER.baseUrl()))
            .withEnv("OP_TOKEN", OPERATOR);

    @Test
    @Order(1)
    void everyConnectorIsGreenAtTheStart() {
        JsonObject list = admin("/api/v1/connectors");
        JsonObject detail = admin("/api/v1/connectors/courier");

        assertThat(list.getJsonObject("lamps"))
                .isEqualTo(new JsonObject()
                        .put("green", 4)
                        .put("grey", 0)
                        .put("yellow", 0)
                        .put("red", 0));
        assertThat(list.getJsonArray("connectors").stream().map(item -> ((JsonObject) item).getString("lamp")))
                .containsOnly("green");
        assertThat(detail.getString("lamp")).isEqualTo("green");
        assertThat(detail.getJsonArray("reasons")).isEmpty();
        assertThat(detail.getJsonObject("traffic").fieldNames()).containsExactlyInAnyOrder("1m", "5m", "15m");
        assertThat(detail.getJsonObject("traffic").getJsonObject("5m").fieldNames())
                .contains("rate", "errorRate", "p50Ms", "p95Ms");
    }

    @Test
    @Order(2)
    void aSwitchedOffConnectorTurnsRedWithTheReasonAndBackGreenWhenSwitchedOn() {
        flip("courier", false, "provider outage");

        await().atMost(LAMP_WAIT).until(() -> lampOf("courier").equals("red"));
        JsonObject detail = admin("/api/v1/connectors/courier");
        JsonObject reason = detail.getJsonArray("reasons").getJsonObject(0);
        assertThat(reason.getString("lamp")).isEqualTo("red");
        assertThat(reason.getString("source")).isEqualTo("switch");
        assertThat(reason.getString("text")).matches("switched off by night-shift at \\d\\d:\\d\\d: provider outage");
        JsonObject summary = summaryOf("courier");
        assertThat(summary.getString("reason")).isEqualTo(reason.getString("text"));
        assertThat(admin("/api/v1/connectors").getJsonObject("lamps").getInteger("red"))
                .isEqualTo(1);
        await().atMost(LAMP_WAIT).until(() -> !lampEvents("courier").isEmpty());
        JsonObject event = lampEvents("courier").get(0);
        assertThat(event.getString("severity")).isEqualTo("critical");
        assertThat(event.getString("message")).startsWith("connector 'courier' turned red (was green): switched off");
        assertThat(event.getJsonObject("details").getString("lamp")).isEqualTo("red");
        assertThat(event.getJsonObject("details").getJsonArray("reasons").getJsonObject(0))
                .isEqualTo(reason);

        flip("courier", true, "");

        await().atMost(LAMP_WAIT).until(() -> lampOf("courier").equals("green"));
        await().atMost(LAMP_WAIT).until(() -> lampEvents("courier").size() == 2);
        assertThat(lampEvents("courier").get(0).getString("message"))
                .isEqualTo("connector 'courier' turned green (was red)");
        PrometheusText metrics = metrics();
        assertThat(metrics.value("switchboard_lamp", Map.of("connector", "courier")))
                .isZero();
        assertThat(metrics.value("switchboard_lamp_changes_total", Map.of("connector", "courier", "lamp", "red")))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void failingFarOverTheObjectiveTurnsRed() {
        UPSTREAM.answerWith(request -> Reply.status(500, "broken"));
        for (int i = 0; i < 12; i++) {
            assertThat(GATEWAY.get("/flaky/orders").statusCode()).isEqualTo(500);
        }

        await().atMost(LAMP_WAIT).until(() -> lampOf("flaky").equals("red"));
        JsonObject detail = admin("/api/v1/connectors/flaky");
        assertThat(detail.getJsonArray("reasons").getJsonObject(0).getString("text"))
                .isEqualTo("error rate 100% over the last 5m (objective 5%; 12 of 12 calls failed)");
        JsonObject minute = detail.getJsonObject("traffic").getJsonObject("1m");
        assertThat(minute.getLong("requests")).isEqualTo(12);
        assertThat(minute.getLong("calls")).isEqualTo(12);
        assertThat(minute.getLong("errors")).isEqualTo(12);
        assertThat(minute.getDouble("errorRate")).isEqualTo(1.0);
        assertThat(minute.getDouble("rate")).isPositive();
        assertThat(minute.getDouble("p50Ms")).isNotNull().isPositive();
        assertThat(minute.getDouble("p95Ms")).isNotNull().isGreaterThanOrEqualTo(minute.getDouble("p50Ms"));
        assertThat(metrics().value("switchboard_lamp", Map.of("connector", "flaky")))
                .isEqualTo(3);
    }

    @Test
    @Order(4)
    void failingSomewhatOverTheObjectiveTurnsYellow() {
        UPSTREAM.answerWith(request -> Reply.ok("fine"));
        for (int i = 0; i < 21; i++) {
            GATEWAY.get("/shaky/orders");
        }
        UPSTREAM.answerWith(request -> Reply.status(503, "busy"));
        for (int i = 0; i < 9; i++) {
            GATEWAY.get("/shaky/orders");
        }

        await().atMost(LAMP_WAIT).until(() -> lampOf("shaky").equals("yellow"));
        assertThat(summaryOf("shaky").getString("reason"))
                .isEqualTo("error rate 30% over the last 5m (objective 20%; 9 of 30 calls failed)");
    }

    @Test
    @Order(5)
    void aRefusalOfTheGatewaysOwnIsNoProviderError() {
        flip("courier", false, "maintenance");
        for (int i = 0; i < 15; i++) {
            assertThat(GATEWAY.get("/courier/orders").statusCode()).isEqualTo(503);
        }
        flip("courier", true, "");

        await().atMost(LAMP_WAIT).until(() -> lampOf("courier").equals("green"));
        JsonObject minute =
                admin("/api/v1/connectors/courier").getJsonObject("traffic").getJsonObject("1m");
        assertThat(minute.getLong("refused")).isEqualTo(15);
        assertThat(minute.getLong("errors")).isZero();
    }

    @Test
    @Order(6)
    void webhooksReceiveEventsWithSlackTextAndAreRetriedAfterAServerError() {
        // Earlier tests' events must be out of the way, so the scripted 500 meets this test's first event.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> metrics().value("switchboard_webhook_pending", Map.of()) == 0);
        RECEIVER.reset();
        RECEIVER.enqueue(Reply.status(500, "try later"));

        flip("parcel", false, "webhook test");

        await().atMost(Duration.ofSeconds(20)).until(() -> hooked("lamp-changed", "parcel") != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> ids = eventIds();
            return hooked("switched", "parcel") != null
                    && ids.size() > Set.copyOf(ids).size();
        });
        JsonObject switched = Objects.requireNonNull(hooked("switched", "parcel"));
        assertThat(switched.getString("text")).isEqualTo("🔴 parcel: switched off by night-shift: webhook test");
        assertThat(switched.getString("actor")).isEqualTo("night-shift");
        assertThat(switched.getJsonObject("details").getBoolean("on")).isFalse();
        JsonObject lamp = Objects.requireNonNull(hooked("lamp-changed", "parcel"));
        assertThat(lamp.getString("text"))
                .matches("🔴 parcel: turned red \\(was green\\): switched off by night-shift at \\d\\d:\\d\\d: webhook"
                        + " test");
        assertThat(lamp.getString("severity")).isEqualTo("critical");
        assertThat(RECEIVER.receivedPaths()).containsOnly("/hooks/T0/B0/secret");
        assertThat(metrics().value("switchboard_webhook_deliveries_total", Map.of("result", "retried")))
                .isGreaterThanOrEqualTo(1);
        flip("parcel", true, "");
    }

    /** Returns the ids of the events the receiver got, a retried one as often as it was sent. */
    private static List<String> eventIds() {
        return RECEIVER.received().stream()
                .map(request -> request.header("Switchboard-Event-Id"))
                .filter(Objects::nonNull)
                .toList();
    }

    private static String lampOf(String connector) {
        return summaryOf(connector).getString("lamp");
    }

    private static JsonObject summaryOf(String connector) {
        JsonArray connectors = admin("/api/v1/connectors").getJsonArray("connectors");
        for (int i = 0; i < connectors.size(); i++) {
            if (connectors.getJsonObject(i).getString("id").equals(connector)) {
                return connectors.getJsonObject(i);
            }
        }
        throw new AssertionError("no connector " + connector + " in " + connectors);
    }

    /** Returns the connector's lamp-changed events, newest first. */
    private static List<JsonObject> lampEvents(String connector) {
        JsonArray events =
                admin("/api/v1/events?kind=lamp-changed&connector=" + connector).getJsonArray("events");
        return events.stream().map(JsonObject.class::cast).toList();
    }

    /** Returns the last webhook body of this kind about this connector the receiver got, or null. */
    private static @org.jspecify.annotations.Nullable JsonObject hooked(String kind, String connector) {
        JsonObject found = null;
        for (FakeUpstream.Recorded request : RECEIVER.received()) {
            JsonObject body = new JsonObject(request.bodyText());
            if (kind.equals(body.getString("kind")) && connector.equals(body.getString("connector"))) {
                found = body;
            }
        }
        return found;
    }

    private static JsonObject admin(String path) {
        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin(path))
                .header("Authorization", "Bearer " + OPERATOR)
                .build());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());
    }

    private static void flip(String connector, boolean on, String reason) {
        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(
                        GATEWAY.admin("/api/v1/connectors/" + connector + "/switch"))
                .header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("on", on).put("reason", reason).encode()))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
