package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SwitchIT {
    private static final String OPERATOR = "operator-secret-0123456789";
    private static final String VIEWER = "viewer-secret-0123456789ab";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      tokens:
                        - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                        - { name: wall-tv, role: viewer, secret: "${VIEW_TOKEN}" }
                    connectors:
                      courier:
                        upstream:
                          endpoints: [ "%s" ]
                    """.formatted(UPSTREAM.baseUrl()))
            .withEnv("OP_TOKEN", OPERATOR)
            .withEnv("VIEW_TOKEN", VIEWER);

    @AfterEach
    void switchBackOn() {
        flip(OPERATOR, "{\"on\": true, \"reason\": \"\"}");
    }

    @Test
    void switchedOffConnectorAnswersItselfWithReasonAndWho() {
        HttpResponse<String> flipped = flip(OPERATOR, "{\"on\": false, \"reason\": \"courier asked us to stop\"}");

        HttpResponse<String> call = GATEWAY.get("/courier/orders");

        assertThat(flipped.statusCode()).isEqualTo(200);
        assertThat(call.statusCode()).isEqualTo(503);
        assertThat(call.headers().firstValue("Switchboard-Error")).contains("switched-off");
        JsonObject problem = new JsonObject(call.body());
        assertThat(problem.getString("reason")).isEqualTo("courier asked us to stop");
        assertThat(problem.getString("switchedBy")).isEqualTo("night-shift");
        assertThat(problem.getString("switchedAt")).isNotBlank();
        assertThat(problem.getString("detail"))
                .startsWith("connector 'courier' is switched off by night-shift at ")
                .endsWith(": courier asked us to stop");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void switchingBackOnRestoresServiceAtOnce() {
        flip(OPERATOR, "{\"on\": false, \"reason\": \"maintenance\"}");

        flip(OPERATOR, "{\"on\": true, \"reason\": \"done\"}");

        assertThat(GATEWAY.get("/courier/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void viewerMayNotSwitch() {
        HttpResponse<String> response = flip(VIEWER, "{\"on\": false, \"reason\": \"curious\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("forbidden");
        assertThat(GATEWAY.get("/courier/orders").statusCode()).isEqualTo(200);
    }

    @Test
    void switchingOffWithoutReasonIsRefused() {
        HttpResponse<String> response = flip(OPERATOR, "{\"on\": false}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("detail"))
                .isEqualTo("switching a connector off needs a reason");
    }

    @Test
    void connectorDetailShowsTheSwitch() {
        flip(OPERATOR, "{\"on\": false, \"reason\": \"audit\"}");

        HttpResponse<String> detail = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/api/v1/connectors/courier"))
                .header("Authorization", "Bearer " + VIEWER)
                .build());

        JsonObject state =
                new JsonObject(detail.body()).getJsonObject("policies").getJsonObject("switch");
        assertThat(state.getBoolean("on")).isFalse();
        assertThat(state.getString("reason")).isEqualTo("audit");
        assertThat(state.getString("changedBy")).isEqualTo("night-shift");
    }

    private static HttpResponse<String> flip(String token, String body) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/api/v1/connectors/courier/switch"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
