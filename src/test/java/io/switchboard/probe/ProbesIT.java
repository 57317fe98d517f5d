package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbesIT {
    private static final String OPERATOR = "probes-operator-secret-0123";
    private static final String ADMIN = "probes-admin-secret-0123456";

    @RegisterExtension
    static final FakeUpstream COURIER = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream SMS = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream STOCK = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream LEGACY = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> config(""))
            .withEnv("OP_TOKEN", OPERATOR)
            .withEnv("ADMIN_TOKEN", ADMIN)
            .withEnv("COURIER_KEY", "courier-key-42");

    /** The test config; {@code moreChecks} goes below the courier's ping check. */
    private static String config(String moreChecks) {
        return """
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  drain-timeout: 1s
                  tokens:
                    - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                    - { name: root, role: admin, secret: "${ADMIN_TOKEN}" }
                connectors:
                  courier:
                    upstream: { endpoints: [ "%s" ] }
                    limits: { rate: 1/m }
                    credentials: { header: X-Api-Key, value: "${COURIER_KEY}" }
                    checks:
                      - name: ping
                        every: 300ms
                        request: "GET /api/ping"
                        expect: { status: 200, json: { "/status": ok } }
                %s
                  sms:
                    upstream: { endpoints: [ "%s" ] }
                    resources:
                      - { name: balance, every: 300ms, request: "GET /balance", value: /balance, warn-below: 100, critical-below: 10 }
                  stock:
                    upstream: { endpoints: [ "%s" ] }
                    resources:
                      - { name: items, every: 300ms, request: "GET /stock.txt", regex: 'items=(\\d+)' }
                  legacy:
                    upstream: { endpoints: [ "%s" ] }
                    charset: windows-1251
                    resources:
                      - { name: left, every: 300ms, request: "GET /sklad", regex: 'осталось (\\d+) шт' }
                """.formatted(COURIER.baseUrl(), moreChecks, SMS.baseUrl(), STOCK.baseUrl(), LEGACY.baseUrl());
    }

    @AfterEach
    void switchCourierBackOn() {
        flip("{\"on\": true, \"reason\": \"\"}");
    }

    @Test
    @Order(1)
    void aCheckPassesThenFailsAndItsSignalTurnsRed() {
        COURIER.answerWith(request -> json(200, "{\"status\": \"ok\"}"));
        eventually().until(() -> Boolean.TRUE.equals(check("courier").getBoolean("ok")));
        assertThat(probes().checkSignal().reasons("courier", Instant.now())).isEmpty();

        COURIER.answerWith(request -> json(503, "{\"status\": \"down\"}"));

        eventually().until(() -> Boolean.FALSE.equals(check("courier").getBoolean("ok")));
        JsonObject ping = check("courier");
        assertThat(ping.getString("name")).isEqualTo("ping");
        assertThat(ping.getInteger("status")).isEqualTo(503);
        assertThat(ping.getString("message"))
                .isEqualTo("expected status 200, got 503; expected \"ok\" at /status, found \"down\"");
        assertThat(ping.getString("failingSince")).isNotNull();
        List<LampReason> reasons = probes().checkSignal().reasons("courier", Instant.now());
        assertThat(reasons).singleElement().satisfies(reason -> {
            assertThat(reason.lamp()).isEqualTo(Lamp.RED);
            assertThat(reason.source()).isEqualTo("check");
            assertThat(reason.text())
                    .matches("check 'ping' failing since \\d\\d:\\d\\d UTC: expected status 200, got 503; expected"
                            + " \"ok\" at /status, found \"down\"");
        });
        FakeUpstream.Recorded probe = COURIER.received().get(0);
        assertThat(probe.path()).isEqualTo("/api/ping");
        assertThat(probe.header("Switchboard-Probe")).isEqualTo("check/ping");
        assertThat(probe.header("X-Api-Key")).isEqualTo("courier-key-42");
        PrometheusText metrics = PrometheusText.parse(admin("/metrics", null).body());
        Map<String, String> labels = Map.of("connector", "courier", "check", "ping");
        assertThat(metrics.value("switchboard_check_up", labels)).isZero();
        assertThat(metrics.value("switchboard_check_latency_seconds", labels)).isPositive();
        eventually().until(() -> !events("courier", "check-failed").isEmpty());
        JsonArray history = history("/api/v1/connectors/courier/checks/ping/history?limit=50")
                .getJsonArray("results");
        assertThat(history.getJsonObject(0).getBoolean("ok")).isFalse();
        assertThat(history.stream().map(JsonObject.class::cast).map(result -> result.getBoolean("ok")))
                .contains(true, false);
    }

    @Test
    @Order(2)
    void aResourceFallingBelowWarnThenCriticalIsRecordedEverywhere() {
        AtomicReference<String> balance = new AtomicReference<>("500");
        SMS.answerWith(request -> json(200, "{\"balance\": " + balance.get() + "}"));
        eventually().until(() -> "ok".equals(resource("sms").getString("level")));

        balance.set("50");
        eventually().until(() -> "warn".equals(resource("sms").getString("level")));
        balance.set("5");
        eventually().until(() -> "critical".equals(resource("sms").getString("level")));

        JsonObject detail = resource("sms");
        assertThat(detail.getDouble("value")).isEqualTo(5.0);
        assertThat(detail.getString("message")).isEqualTo("5 (critical below 10)");
        assertThat(detail.getJsonObject("thresholds").getDouble("warnBelow")).isEqualTo(100.0);
        assertThat(detail.getJsonObject("thresholds").getDouble("criticalBelow"))
                .isEqualTo(10.0);
        assertThat(probes().resourceSignal().reasons("sms", Instant.now()))
                .containsExactly(new LampReason(Lamp.RED, "resource", "resource 'balance' at 5 (critical below 10)"));
        eventually().until(() -> events("sms", "threshold-crossed").size() >= 2);
        assertThat(events("sms", "threshold-crossed"))
                .extracting(event -> event.getString("message"))
                .containsSubsequence(
                        "resource 'balance' of connector 'sms' at 5 (critical below 10; was warn)",
                        "resource 'balance' of connector 'sms' at 50 (warn below 100; was ok)");
        PrometheusText metrics = PrometheusText.parse(admin("/metrics", null).body());
        Map<String, String> labels = Map.of("connector", "sms", "resource", "balance");
        assertThat(metrics.value("switchboard_resource_value", labels)).isEqualTo(5.0);
        assertThat(metrics.value("switchboard_resource_level", labels)).isEqualTo(2.0);
        eventually().until(() -> levelsInHistory().containsAll(List.of("critical", "warn", "ok")));
        assertThat(levelsInHistory().get(0)).isEqualTo("critical");
    }

    @Test
    @Order(3)
    void aGarbageAnswerIsAFailedReadingWithItsReason() {
        STOCK.answerWith(request -> Reply.status(200, "<html><body>Service temporarily unavailable</body></html>"));

        eventually().until(() -> "unknown".equals(resource("stock").getString("level")));

        JsonObject items = resource("stock");
        assertThat(items.getValue("value")).isNull();
        assertThat(items.getString("message")).isEqualTo("the regex items=(\\d+) does not match the body");
        assertThat(probes().resourceSignal().reasons("stock", Instant.now()))
                .containsExactly(new LampReason(
                        Lamp.YELLOW,
                        "resource",
                        "resource 'items' unreadable: the regex items=(\\d+) does not match the body"));
        PrometheusText metrics = PrometheusText.parse(admin("/metrics", null).body());
        assertThat(metrics.value("switchboard_resource_level", Map.of("connector", "stock", "resource", "items")))
                .isEqualTo(-1.0);
        STOCK.answerWith(request -> Reply.ok("warehouse=north items=42 reserved=3"));
        eventually().until(() -> "ok".equals(resource("stock").getString("level")));
        assertThat(resource("stock").getDouble("value")).isEqualTo(42.0);
    }

    @Test
    @Order(4)
    void aProbeReadsTheAnswerAfterTheConnectorsCharsetConversion() {
        Charset cp1251 = Charset.forName("windows-1251");
        // No charset parameter: only the connector's charset: says how to read these bytes.
        LEGACY.answerWith(request -> Reply.ok("")
                .withHeader("Content-Type", "text/plain")
                .withBody("на складе осталось 17 шт.".getBytes(cp1251)));

        eventually().until(() -> "ok".equals(resource("legacy").getString("level")));

        assertThat(resource("legacy").getDouble("value")).isEqualTo(17.0);
    }

    @Test
    @Order(5)
    void probesRunWhileTheConnectorIsSwitchedOffOrOverItsRateLimit() {
        COURIER.answerWith(request -> json(200, "{\"status\": \"ok\"}"));
        GATEWAY.get("/courier/orders");
        HttpResponse<String> limited = GATEWAY.get("/courier/orders");
        assertThat(limited.statusCode()).isEqualTo(429);
        int probesBefore = probeRequests();
        eventually().until(() -> probeRequests() >= probesBefore + 2);

        flip("{\"on\": false, \"reason\": \"provider maintenance\"}");
        HttpResponse<String> switchedOff = GATEWAY.get("/courier/orders");
        int probesWhileOff = probeRequests();

        assertThat(switchedOff.statusCode()).isEqualTo(503);
        assertThat(switchedOff.headers().firstValue("Switchboard-Error")).contains("switched-off");
        eventually().until(() -> probeRequests() >= probesWhileOff + 2);
        assertThat(check("courier").getBoolean("ok")).isTrue();
        assertThat(COURIER.received())
                .filteredOn(request -> request.path().equals("/orders"))
                .as("only the call before the limit reached the provider")
                .hasSize(1);
    }

    @Test
    @Order(6)
    void followsAReloadThatAddsACheck() {
        COURIER.answerWith(request -> json(200, "{\"status\": \"ok\"}"));
        GATEWAY.rewrite(config("""
                      - { name: deep, every: 300ms, request: "GET /api/health?deep=1" }
                """));

        try {
            HttpResponse<String> reload = admin("/api/v1/config/reload", ADMIN, "");
            assertThat(reload.statusCode()).isEqualTo(200);
            eventually()
                    .until(() -> checks("courier").size() == 2
                            && checks("courier").getJsonObject(1).getBoolean("ok") != null);
            assertThat(checks("courier").getJsonObject(1).getString("request")).isEqualTo("GET /api/health?deep=1");
            assertThat(checks("courier").getJsonObject(0).getBoolean("ok")).isTrue();
            eventually()
                    .until(() -> COURIER.received().stream()
                            .anyMatch(request -> "check/deep".equals(request.header("Switchboard-Probe"))));
        } finally {
            GATEWAY.rewrite(config(""));
            admin("/api/v1/config/reload", ADMIN, "");
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100));
    }

    private static ProbeScheduler probes() {
        return GATEWAY.gateway().probes();
    }

    private static Reply json(int status, String body) {
        return Reply.status(status, body).withHeader("Content-Type", "application/json");
    }

    private static int probeRequests() {
        return (int) COURIER.received().stream()
                .filter(request -> request.header("Switchboard-Probe") != null)
                .count();
    }

    private static JsonObject detail(String connector) {
        return new JsonObject(admin("/api/v1/connectors/" + connector, OPERATOR).body());
    }

    private static JsonArray checks(String connector) {
        return detail(connector).getJsonArray("checks");
    }

    private static JsonObject check(String connector) {
        return checks(connector).getJsonObject(0);
    }

    private static JsonObject resource(String connector) {
        return detail(connector).getJsonArray("resources").getJsonObject(0);
    }

    private static JsonObject history(String path) {
        HttpResponse<String> response = admin(path, OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<String> levelsInHistory() {
        return history("/api/v1/connectors/sms/resources/balance/history?limit=1000").getJsonArray("readings").stream()
                .map(JsonObject.class::cast)
                .map(reading -> reading.getString("level"))
                .toList();
    }

    private static List<JsonObject> events(String connector, String kind) {
        return history("/api/v1/events?connector=" + connector + "&kind=" + kind).getJsonArray("events").stream()
                .map(JsonObject.class::cast)
                .toList();
    }

    private static HttpResponse<String> admin(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.admin(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return GATEWAY.send(request.build());
    }

    private static HttpResponse<String> admin(String path, String token, String body) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static void flip(String body) {
        HttpResponse<String> response = admin("/api/v1/connectors/courier/switch", OPERATOR, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
