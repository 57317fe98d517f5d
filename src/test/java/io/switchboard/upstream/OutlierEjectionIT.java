package io.switchboard.upstream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutlierEjectionIT {
    private static final String TOKEN = "viewer-secret-0123456789";

    @RegisterExtension
    static final FakeUpstream HEALTHY = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream ALSO_HEALTHY = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream FAILING = new FakeUpstream();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
                    () -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      drain-timeout: 2s
                      tokens:
                        - { name: dashboard, role: viewer, secret: "${OUTLIER_VIEWER_TOKEN}" }
                    connectors:
                      flaky:
                        upstream:
                          endpoints: [ "%1$s", "%2$s", "%3$s" ]
                          outlier: { consecutive-failures: 2, eject-for: 2s, max-ejected: 50%% }
                      all-down:
                        upstream:
                          endpoints: [ "%1$s", "%2$s", "%3$s" ]
                          outlier: { consecutive-failures: 2, eject-for: 2s, max-ejected: 50%% }
                    """.formatted(HEALTHY.baseUrl(), ALSO_HEALTHY.baseUrl(), FAILING.baseUrl()))
            .withEnv("OUTLIER_VIEWER_TOKEN", TOKEN);

    @Test
    void ejectsAnEndpointThatFailsTwiceInARowAndTakesItBackAfterEjectFor() {
        FAILING.answerWith(request -> Reply.status(500, "broken"));
        long firstCall = System.nanoTime();
        // Round-robin over three endpoints: six calls reach each endpoint twice, whatever the turn was before.
        for (int i = 0; i < 6; i++) {
            GATEWAY.get("/flaky/round/" + i);
        }
        assertThat(FAILING.received()).hasSize(2);
        assertThat(endpointStates("flaky")).containsExactly(false, false, true);

        List<Integer> whileEjected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            whileEjected.add(GATEWAY.get("/flaky/ejected/" + i).statusCode());
        }

        // The ejection began after the first call, so it surely lasts until two seconds after it. On a machine slow
        // enough to take longer for these calls the check would be vacuous, not wrong, so it is skipped.
        if (Duration.ofNanos(System.nanoTime() - firstCall).compareTo(Duration.ofMillis(1900)) < 0) {
            assertThat(whileEjected).containsOnly(200);
            assertThat(FAILING.receivedPaths()).noneMatch(path -> path.startsWith("/ejected"));
        }
        FAILING.answerWith(request -> Reply.ok("recovered"));
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> GATEWAY.get("/flaky/back").body().equals("recovered"));
        assertThat(Duration.ofNanos(System.nanoTime() - firstCall)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(endpointStates("flaky")).containsExactly(false, false, false);
    }

    @Test
    void neverEjectsMoreThanTheMaxEjectedShare() {
        HEALTHY.answerWith(request -> Reply.status(503, "down"));
        ALSO_HEALTHY.answerWith(request -> Reply.status(503, "down"));
        FAILING.answerWith(request -> Reply.status(503, "down"));

        for (int i = 0; i < 12; i++) {
            GATEWAY.get("/all-down/call/" + i);
        }

        // 50% of three endpoints is one and a half: at most one is out, so two still take calls.
        assertThat(endpointStates("all-down")).containsOnlyOnce(true);
    }

    /** Returns whether each endpoint of a connector is ejected, from the admin API. */
    private static List<Boolean> endpointStates(String connector) {
        String body = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/api/v1/connectors/" + connector))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build())
                .body();
        JsonObject upstream = requireNonNull(new JsonObject(body).getJsonObject("upstream"));
        JsonArray endpoints = requireNonNull(upstream.getJsonArray("endpoints"));
        List<Boolean> states = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            states.add(Boolean.TRUE.equals(
                    requireNonNull(endpoints.getJsonObject(i)).getBoolean("ejected")));
        }
        return states;
    }
}
