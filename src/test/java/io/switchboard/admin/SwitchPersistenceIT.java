package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SwitchPersistenceIT {
    private static final String OPERATOR = "operator-secret-0123456789";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @Test
    void switchedOffConnectorStaysOffAfterRestartAndTheEventIsKept() throws IOException {
        Path store = Files.createTempDirectory("switch-persistence").resolve("switchboard.db");
        RunningGateway first = gatewayOn(store).start();
        HttpResponse<String> flipped;
        try {
            flipped = flip(first, "{\"on\": false, \"reason\": \"courier strike\"}");
            // The store write is queued behind the answer; wait until the event can be read back.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> events(first).getJsonArray("events").size() > 0);
        } finally {
            first.stop();
        }

        RunningGateway second = gatewayOn(store).start();
        try {
            HttpResponse<String> call = second.get("/courier/orders");

            assertThat(flipped.statusCode()).isEqualTo(200);
            assertThat(call.statusCode()).isEqualTo(503);
            assertThat(call.headers().firstValue("Switchboard-Error")).contains("switched-off");
            assertThat(new JsonObject(call.body()).getString("reason")).isEqualTo("courier strike");
            JsonObject event = events(second).getJsonArray("events").getJsonObject(0);
            assertThat(event.getString("kind")).isEqualTo("switched");
            assertThat(event.getString("actor")).isEqualTo("night-shift");
            assertThat(UPSTREAM.received()).isEmpty();
        } finally {
            second.stop();
        }
    }

    private static RunningGateway gatewayOn(Path store) {
        return RunningGateway.fromYaml(() -> """
                        gateway:
                          listen: 127.0.0.1:0
                          admin: 127.0.0.1:0
                          drain-timeout: 1s
                          store: sqlite:%s
                          tokens:
                            - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                        connectors:
                          courier:
                            upstream:
                              endpoints: [ "%s" ]
                        """.formatted(store, UPSTREAM.baseUrl()))
                .withEnv("OP_TOKEN", OPERATOR);
    }

    private static HttpResponse<String> flip(RunningGateway gateway, String body) {
        return gateway.send(HttpRequest.newBuilder(gateway.admin("/api/v1/connectors/courier/switch"))
                .header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static JsonObject events(RunningGateway gateway) {
        HttpResponse<String> response =
                gateway.send(HttpRequest.newBuilder(gateway.admin("/api/v1/events?connector=courier&kind=switched"))
                        .header("Authorization", "Bearer " + OPERATOR)
                        .build());
        return new JsonObject(response.body());
    }
}
