package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminAuthIT {
    private static final String VIEWER = "viewer-secret-0123456789";
    private static final String OPERATOR = "operator-secret-012345678";
    private static final String ADMIN = "admin-secret-0123456789ab";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      drain-timeout: 2s
                      tokens:
                        - { name: dashboard, role: viewer, secret: "${AUTH_VIEWER_TOKEN}" }
                        - { name: on-call, role: operator, secret: "${AUTH_OPERATOR_TOKEN}" }
                        - { name: release-bot, role: admin, secret: "${AUTH_ADMIN_TOKEN}" }
                    connectors:
                      stub:
                        upstream:
                          endpoints: [ "%s" ]
                    """.formatted(UPSTREAM.baseUrl()))
            .withEnv("AUTH_VIEWER_TOKEN", VIEWER)
            .withEnv("AUTH_OPERATOR_TOKEN", OPERATOR)
            .withEnv("AUTH_ADMIN_TOKEN", ADMIN);

    @ParameterizedTest(name = "answers 401 to Authorization \"{0}\"")
    @CsvSource({"NONE", "Bearer wrong-secret-0123456789", "Bearer " + VIEWER + "x", "Basic " + VIEWER, "Bearer"})
    void answersUnauthorizedWithoutAKnownBearerToken(String authorization) {
        HttpResponse<String> response = get("/api/v1/connectors", authorization.equals("NONE") ? null : authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"switchboard\"");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("unauthorized");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getInteger("status")).isEqualTo(401);
        assertThat(problem.getString("type")).isEqualTo("urn:switchboard:problem:unauthorized");
        assertThat(response.body()).doesNotContain(VIEWER, OPERATOR, ADMIN);
    }

    @Test
    void letsAViewerRead() {
        HttpResponse<String> list = get("/api/v1/connectors", "Bearer " + VIEWER);
        HttpResponse<String> one = get("/api/v1/connectors/stub", "bearer " + VIEWER);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":\"stub\"");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(one.body()).getString("id")).isEqualTo("stub");
    }

    @ParameterizedTest(name = "answers 403 to a {0} token on {1}")
    @CsvSource({
        "viewer, /api/v1/config/reload",
        "viewer, /api/v1/config/validate",
        "operator, /api/v1/config/reload",
        "operator, /api/v1/config/validate"
    })
    void forbidsConfigChangesBelowTheAdminRole(String role, String path) {
        String secret = role.equals("viewer") ? VIEWER : OPERATOR;

        HttpResponse<String> response = post(path, "Bearer " + secret);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("forbidden");
        assertThat(new JsonObject(response.body()).getString("detail"))
                .isEqualTo("token '" + (role.equals("viewer") ? "dashboard" : "on-call") + "' has role " + role
                        + "; this needs admin");
    }

    @Test
    void letsAnAdminReload() {
        HttpResponse<String> response = post("/api/v1/config/reload", "Bearer " + ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getBoolean("applied")).isTrue();
    }

    @Test
    void answersNotFoundAsAProblemForAnUnknownConnector() {
        HttpResponse<String> response = get("/api/v1/connectors/nope", "Bearer " + VIEWER);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void servesHealthAndMetricsWithoutAToken() {
        HttpResponse<String> live = get("/health/live", null);
        HttpResponse<String> ready = get("/health/ready", null);
        HttpResponse<String> metrics = get("/metrics", null);

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("up");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject readiness = new JsonObject(ready.body());
        assertThat(readiness.getString("status")).isEqualTo("ready");
        assertThat(readiness.getString("config")).isEqualTo("loaded");
        assertThat(readiness.getString("proxy")).isEqualTo("listening");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    private static HttpResponse<String> get(String path, @Nullable String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.admin(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return GATEWAY.send(request.build());
    }

    private static HttpResponse<String> post(String path, String authorization) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin(path))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }
}
