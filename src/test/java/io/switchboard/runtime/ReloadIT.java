package io.switchboard.runtime;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RawHttpConnection;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReloadIT {
    private static final String ADMIN_TOKEN = "reload-admin-secret-0123";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> config("")).withEnv("RELOAD_ADMIN_TOKEN", ADMIN_TOKEN);

    /** The test config, with {@code more} appended under the {@code stub} connector's {@code upstream:}. */
    private static String config(String more) {
        return """
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  drain-timeout: 5s
                  tokens:
                    - { name: release-bot, role: admin, secret: "${RELOAD_ADMIN_TOKEN}" }
                connectors:
                  stub:
                    upstream:
                      endpoints: [ "%s" ]
                """.formatted(UPSTREAM.baseUrl()) + more;
    }

    @BeforeEach
    void restoreTheStartingConfig() {
        GATEWAY.rewrite(config(""));
        assertThat(post("/api/v1/config/reload").statusCode()).isEqualTo(200);
    }

    @Test
    void appliesAValidChangeWithoutDroppingCallsInFlightOrOpenConnections() {
        UPSTREAM.answerWith(request ->
                request.path().equals("/slow") ? Reply.ok("slow").after(Duration.ofSeconds(1)) : Reply.ok("ok"));
        long before = generation();
        try (RawHttpConnection keptAlive =
                RawHttpConnection.open(GATEWAY.gateway().proxyPort())) {
            assertThat(keptAlive.get("/stub/before").status()).isEqualTo(200);
            CompletableFuture<HttpResponse<String>> inFlight = GATEWAY.client()
                    .sendAsync(
                            HttpRequest.newBuilder(GATEWAY.proxy("/stub/slow")).build(),
                            HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> UPSTREAM.receivedPaths().contains("/slow"));
            // The stub's upstream changes too, so the call in flight runs on a client the new snapshot replaces.
            GATEWAY.rewrite(config("""
                          response-timeout: 20s
                      fresh:
                        upstream:
                          endpoints: [ "%s/fresh-base" ]
                    """.formatted(UPSTREAM.baseUrl())));

            HttpResponse<String> reload = post("/api/v1/config/reload");

            assertThat(reload.statusCode()).isEqualTo(200);
            JsonObject check = new JsonObject(reload.body());
            assertThat(check.getBoolean("valid")).isTrue();
            assertThat(check.getBoolean("applied")).isTrue();
            assertThat(check.getLong("generation")).isEqualTo(before + 1);
            HttpResponse<String> slow = inFlight.join();
            assertThat(slow.statusCode()).isEqualTo(200);
            assertThat(slow.body()).isEqualTo("slow");
            RawHttpConnection.Response afterReload = keptAlive.get("/fresh/after");
            assertThat(afterReload.status()).isEqualTo(200);
            assertThat(afterReload.header("switchboard-connector")).isEqualTo("fresh");
        }
        assertThat(UPSTREAM.receivedPaths()).contains("/fresh-base/after");
        assertThat(metrics().value("switchboard_config_generation", Map.of())).isEqualTo((double) (before + 1));
    }

    @Test
    void keepsTheRunningConfigWhenTheNewOneIsInvalid() {
        long before = generation();
        double rejectedBefore = metrics().value("switchboard_config_reloads_total", Map.of("result", "rejected"));
        GATEWAY.rewrite(config("""
                      respons-timeout: 2s
                      call-timeout: soon
                """));

        HttpResponse<String> reload = post("/api/v1/config/reload");

        assertThat(reload.statusCode()).isEqualTo(422);
        assertThat(reload.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(reload.headers().firstValue("Switchboard-Error")).contains("invalid-config");
        JsonArray problems = new JsonObject(reload.body()).getJsonArray("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.getString(0))
                .matches(".*switchboard\\.yaml:11:7: connectors\\.stub\\.upstream\\.respons-timeout: .*");
        assertThat(problems.getString(1))
                .matches(".*switchboard\\.yaml:12:21: connectors\\.stub\\.upstream\\.call-timeout: .*soon.*");
        assertThat(GATEWAY.get("/stub/still-serving").statusCode()).isEqualTo(200);
        assertThat(generation()).isEqualTo(before);
        assertThat(metrics().value("switchboard_config_generation", Map.of())).isEqualTo((double) before);
        assertThat(metrics().value("switchboard_config_reloads_total", Map.of("result", "rejected")))
                .isEqualTo(rejectedBefore + 1);
    }

    @Test
    void validatesWithoutApplyingEitherWay() {
        long before = generation();
        GATEWAY.rewrite(config("""
                      balance: busiest
                """));

        HttpResponse<String> invalid = post("/api/v1/config/validate");

        assertThat(invalid.statusCode()).isEqualTo(200);
        JsonObject invalidCheck = new JsonObject(invalid.body());
        assertThat(invalidCheck.getBoolean("valid")).isFalse();
        assertThat(invalidCheck.getBoolean("applied")).isFalse();
        assertThat(invalidCheck.getJsonArray("problems"))
                .singleElement()
                .asString()
                .matches(".*switchboard\\.yaml:11:16: connectors\\.stub\\.upstream\\.balance: .*busiest.*");
        GATEWAY.rewrite(config("""
                  later:
                    upstream:
                      endpoints: [ "%s" ]
                """.formatted(UPSTREAM.baseUrl())));
        HttpResponse<String> valid = post("/api/v1/config/validate");
        assertThat(new JsonObject(valid.body()).getBoolean("valid")).isTrue();
        assertThat(new JsonObject(valid.body()).getBoolean("applied")).isFalse();
        assertThat(GATEWAY.get("/later/x").statusCode()).isEqualTo(404);
        assertThat(generation()).isEqualTo(before);
    }

    private static long generation() {
        return requireNonNull(new JsonObject(GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/health/ready"))
                                .build())
                        .body())
                .getLong("generation"));
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());
    }

    private static HttpResponse<String> post(String path) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }
}
