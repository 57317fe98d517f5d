package io.switchboard.server;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls to {@code /~{capability}/}: routing, each failover rule, weights, the no-provider answer and the API. */
class CapabilitiesIT {
    private static final String OPERATOR = "operator-secret-0123456789";

    @RegisterExtension
    static final FakeUpstream ALPHA = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream BETA = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream FLAKY = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
                    () -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      tokens:
                        - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                    connectors:
                      alpha:
                        upstream: { endpoints: [ "%1$s" ] }
                      beta:
                        upstream: { endpoints: [ "%2$s" ] }
                      slow:
                        upstream: { endpoints: [ "%1$s" ], response-timeout: 300ms }
                      dead:
                        upstream: { endpoints: [ "http://127.0.0.1:1" ], connect-timeout: 1s }
                      off:
                        upstream: { endpoints: [ "%1$s" ] }
                      closed:
                        upstream: { endpoints: [ "%1$s" ] }
                        schedule: { zone: UTC, open-on: [ "2020-01-01 10:00-11:00" ] }
                      limited:
                        upstream: { endpoints: [ "%1$s" ] }
                        limits: { rate: 1/h }
                      breaker:
                        upstream: { endpoints: [ "%3$s" ] }
                        circuit-breaker: { failure-rate: 50%%, min-requests: 2, open-for: 1h }
                    capabilities:
                      sms: { providers: [ alpha, beta ] }
                      dead-first: { providers: [ dead, beta ] }
                      skip: { providers: [ off, closed, limited, breaker, beta ] }
                      late: { providers: [ alpha, beta ], failover-on: [ connect-failure, 502, 503, 504 ] }
                      shared:
                        providers: [ alpha, beta ]
                        strategy: weighted
                        weights: { alpha: 3, beta: 1 }
                      none: { providers: [ off, closed ] }
                      patient: { providers: [ slow, beta ], failover-on: [ timeout ] }
                    """.formatted(ALPHA.baseUrl(), BETA.baseUrl(), FLAKY.baseUrl()))
            .withEnv("OP_TOKEN", OPERATOR);

    @BeforeAll
    static void holdSomeProvidersBack() {
        HttpResponse<String> flipped =
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/api/v1/connectors/off/switch"))
                        .header("Authorization", "Bearer " + OPERATOR)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"on\": false, \"reason\": \"balance spent\"}"))
                        .build());
        assertThat(flipped.statusCode()).isEqualTo(200);
        // The rate limit's one token an hour is spent, and the breaker opens on two failures.
        assertThat(GATEWAY.get("/limited/x").statusCode()).isEqualTo(200);
        FLAKY.answerWith(request -> Reply.status(500, "down"));
        assertThat(GATEWAY.get("/breaker/x").statusCode()).isEqualTo(500);
        assertThat(GATEWAY.get("/breaker/x").statusCode()).isEqualTo(500);
        assertThat(GATEWAY.get("/breaker/x").headers().firstValue("Switchboard-Error"))
                .contains("circuit-open");
    }

    @Test
    void callToCapabilityGoesToTheFirstProviderAndNamesIt() {
        HttpResponse<String> response = GATEWAY.get("/~sms/messages/send?to=123");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("alpha");
        assertThat(ALPHA.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/messages/send");
            assertThat(request.query()).isEqualTo("to=123");
        });
        assertThat(BETA.received()).isEmpty();
    }

    @Test
    void connectorRoutesNameTheirConnectorToo() {
        assertThat(GATEWAY.get("/beta/x").headers().firstValue("Switchboard-Connector"))
                .contains("beta");
    }

    @Test
    void connectFailureMovesToTheNextProviderAtOnceEvenForPost() {
        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/~dead-first/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\": 7}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("beta");
        assertThat(response.headers().firstValue("Switchboard-Attempts")).contains("2");
        assertThat(BETA.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.bodyText()).isEqualTo("{\"order\": 7}");
        });
        PrometheusText metrics = PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());
        assertThat(metrics.value(
                        "switchboard_capability_failovers_total",
                        Map.of("capability", "dead-first", "from", "dead", "to", "beta")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.value(
                        "switchboard_capability_requests_total",
                        Map.of("capability", "dead-first", "connector", "beta")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.value(
                        "switchboard_requests_total",
                        Map.of(
                                "connector",
                                "dead",
                                "caller",
                                "anonymous",
                                "outcome",
                                "upstream-unreachable",
                                "status_class",
                                "5xx")))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void switchedOffClosedRateLimitedAndOpenCircuitProvidersAreSkipped() {
        HttpResponse<String> response = GATEWAY.get("/~skip/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("beta");
        assertThat(ALPHA.received()).isEmpty();
        assertThat(FLAKY.received()).isEmpty();
        JsonObject skip = capability("skip");
        assertThat(skip.getString("lamp")).isEqualTo("yellow");
        assertThat(skip.getString("chosen")).isEqualTo("beta");
        List<Map.Entry<String, String>> reasons = reasons(skip);
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).isEqualTo(Map.entry("off", "switched off by night-shift: balance spent"));
        assertThat(reasons.get(1).getKey()).isEqualTo("closed");
        assertThat(reasons.get(1).getValue()).startsWith("closed by schedule: ");
        assertThat(reasons.get(2)).isEqualTo(Map.entry("limited", "over its rate limit of 1/h"));
        assertThat(reasons.get(3)).isEqualTo(Map.entry("breaker", "circuit breaker open"));
        assertThat(reasons.get(4)).isEqualTo(Map.entry("beta", "usable"));
    }

    @Test
    void postIsNotMovedAfterItsBytesReachedAProvider() {
        ALPHA.answerWith(request -> Reply.status(503, "busy"));

        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/~late/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("pay once"))
                .build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("busy");
        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("alpha");
        assertThat(BETA.received()).isEmpty();
    }

    @Test
    void idempotentGetMovesOn503OnlyWhenFailoverOnAllowsIt() {
        ALPHA.answerWith(request -> Reply.status(503, "busy"));

        HttpResponse<String> allowed = GATEWAY.get("/~late/status");
        HttpResponse<String> notAllowed = GATEWAY.get("/~sms/status");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Switchboard-Connector")).contains("beta");
        assertThat(notAllowed.statusCode()).isEqualTo(503);
        assertThat(notAllowed.headers().firstValue("Switchboard-Connector")).contains("alpha");
        assertThat(ALPHA.received()).hasSize(2);
        assertThat(BETA.received()).hasSize(1);
    }

    @Test
    void responseTimeoutMovesAGetWhenFailoverOnNamesItButNeverAPost() {
        ALPHA.answerWith(request -> Reply.ok("late").after(Duration.ofSeconds(2)));

        HttpResponse<String> get = GATEWAY.get("/~patient/status");
        HttpResponse<String> post = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/~patient/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("pay once"))
                .build());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Switchboard-Connector")).contains("beta");
        assertThat(post.statusCode()).isEqualTo(504);
        assertThat(post.headers().firstValue("Switchboard-Error")).contains("timeout");
        assertThat(post.headers().firstValue("Switchboard-Connector")).contains("slow");
        assertThat(BETA.received())
                .singleElement()
                .satisfies(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void idempotentPutWithABodyIsSentAgainToTheNextProvider() {
        ALPHA.answerWith(request -> Reply.status(502, "bad gateway"));

        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/~late/profile"))
                .PUT(HttpRequest.BodyPublishers.ofString("same twice"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ALPHA.received())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyText()).isEqualTo("same twice"));
        assertThat(BETA.received())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyText()).isEqualTo("same twice"));
    }

    @Test
    void weightedCapabilitySharesCallsByWeight() {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chosen.add(GATEWAY.get("/~shared/x")
                    .headers()
                    .firstValue("Switchboard-Connector")
                    .orElse("none"));
        }

        Map<String, Long> counts = chosen.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("alpha", 30L, "beta", 10L));
        // Smooth weighted round-robin spreads the lighter provider out: never two beta calls in a row.
        for (int i = 1; i < chosen.size(); i++) {
            assertThat(chosen.get(i).equals("beta") && chosen.get(i - 1).equals("beta"))
                    .isFalse();
        }
    }

    @Test
    void noUsableProviderAnswers503WithEveryProvidersReason() {
        HttpResponse<String> response = GATEWAY.get("/~none/x");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("no-provider");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("capability")).isEqualTo("none");
        JsonArray providers = problem.getJsonArray("providers");
        assertThat(providers).hasSize(2);
        assertThat(providers.getJsonObject(0).getString("connector")).isEqualTo("off");
        assertThat(providers.getJsonObject(0).getString("reason"))
                .isEqualTo("switched off by night-shift: balance spent");
        assertThat(providers.getJsonObject(1).getString("connector")).isEqualTo("closed");
        assertThat(providers.getJsonObject(1).getString("reason")).startsWith("closed by schedule");
        assertThat(problem.getString("detail")).startsWith("no provider of capability 'none' is usable now: off ");
        assertThat(ALPHA.received()).isEmpty();
    }

    @Test
    void unknownCapabilityIs404() {
        HttpResponse<String> response = GATEWAY.get("/~fax/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("unknown-capability");
    }

    @Test
    void capabilityApiShowsEveryCapabilityInTheAgreedShape() {
        HttpResponse<String> list = admin("/api/v1/capabilities");

        assertThat(list.statusCode()).isEqualTo(200);
        JsonArray items = new JsonObject(list.body()).getJsonArray("items");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
        assertThat(ids).containsExactly("sms", "dead-first", "skip", "late", "shared", "none", "patient");
        JsonObject sms = capability("sms");
        assertThat(sms.fieldNames())
                .containsExactlyInAnyOrder("id", "strategy", "lamp", "chosen", "reason", "providers");
        assertThat(sms.getString("strategy")).isEqualTo("failover");
        assertThat(sms.getString("lamp")).isEqualTo("green");
        assertThat(sms.getString("chosen")).isEqualTo("alpha");
        assertThat(sms.getString("reason")).isEqualTo("alpha is the first usable provider");
        JsonObject first = sms.getJsonArray("providers").getJsonObject(0);
        assertThat(first.fieldNames()).containsExactlyInAnyOrder("connector", "weight", "usable", "reason", "lamp");
        assertThat(first.getValue("weight")).isNull();
        assertThat(first.getBoolean("usable")).isTrue();
        assertThat(first.getString("lamp")).isEqualTo("green");
        JsonObject shared = capability("shared");
        assertThat(shared.getString("strategy")).isEqualTo("weighted");
        assertThat(shared.getJsonArray("providers").getJsonObject(0).getInteger("weight"))
                .isEqualTo(3);
        JsonObject none = capability("none");
        assertThat(none.getString("lamp")).isEqualTo("grey");
        assertThat(none.getValue("chosen")).isNull();
        assertThat(admin("/api/v1/capabilities/fax").statusCode()).isEqualTo(404);
    }

    @Test
    void aChangeOfTheChosenProviderIsAnEvent() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> events = admin("/api/v1/events?kind=provider-changed");
            assertThat(events.body())
                    .contains("capability 'none' has no usable provider")
                    .contains("capability 'skip' now sends calls to ");
        });
    }

    private static JsonObject capability(String id) {
        HttpResponse<String> response = admin("/api/v1/capabilities/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<Map.Entry<String, String>> reasons(JsonObject capability) {
        List<Map.Entry<String, String>> reasons = new ArrayList<>();
        for (Object item : capability.getJsonArray("providers")) {
            JsonObject provider = (JsonObject) item;
            String reason = provider.getString("reason");
            reasons.add(Map.entry(provider.getString("connector"), reason == null ? "usable" : reason));
        }
        return reasons;
    }

    private static HttpResponse<String> admin(String path) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin(path))
                .header("Authorization", "Bearer " + OPERATOR)
                .build());
    }
}
