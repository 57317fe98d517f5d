package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RunningGateway;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              shop:
                upstream:
                  endpoints: [ "%s" ]
                  response-timeout: 300ms
              idle:
                upstream:
                  endpoints: [ "%1$s" ]
            """.formatted(UPSTREAM.baseUrl()));

    @Test
    void countsRequestsByConnectorCallerOutcomeAndStatusClass() {
        UPSTREAM.answerWith(request -> switch (request.path()) {
            case "/broken" -> Reply.status(500, "broken");
            case "/slow" -> Reply.ok("late").after(Duration.ofSeconds(1));
            default -> Reply.ok("fine");
        });
        assertThat(GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/shop/fine"))
                                .header("Switchboard-Caller", "billing")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(GATEWAY.get("/shop/broken").statusCode()).isEqualTo(500);
        assertThat(GATEWAY.get("/shop/slow").statusCode()).isEqualTo(504);
        assertThat(GATEWAY.get("/nope/anything").statusCode()).isEqualTo(404);

        PrometheusText metrics = PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());

        assertThat(metrics.value("switchboard_requests_total", requests("billing", "ok", "2xx")))
                .isEqualTo(1);
        assertThat(metrics.value("switchboard_requests_total", requests("anonymous", "upstream-error", "5xx")))
                .isEqualTo(1);
        assertThat(metrics.value("switchboard_requests_total", requests("anonymous", "timeout", "5xx")))
                .isEqualTo(1);
        assertThat(metrics.samples())
                .filteredOn(sample -> sample.name().equals("switchboard_requests_total"))
                .hasSize(3);
        assertThat(metrics.hasLabel("connector", "nope")).isFalse();
        Map<String, String> shop = Map.of("connector", "shop");
        assertThat(metrics.value("switchboard_request_duration_seconds_count", shop))
                .isEqualTo(3);
        assertThat(metrics.value(
                        "switchboard_request_duration_seconds_bucket", Map.of("connector", "shop", "le", "+Inf")))
                .isEqualTo(3);
        assertThat(metrics.value("switchboard_upstream_duration_seconds_count", shop))
                .isEqualTo(3);
        assertThat(metrics.value("switchboard_attempts_count", shop)).isEqualTo(3);
        assertThat(metrics.value("switchboard_attempts_sum", shop)).isEqualTo(3);
        assertThat(metrics.value("switchboard_in_flight", shop)).isZero();
        assertThat(metrics.value("switchboard_in_flight", Map.of("connector", "idle")))
                .isZero();
        assertThat(metrics.value("switchboard_config_generation", Map.of())).isEqualTo(1);
        assertThat(metrics.value("switchboard_config_reloads_total", Map.of("result", "applied")))
                .isZero();
        assertThat(metrics.value("switchboard_config_reloads_total", Map.of("result", "rejected")))
                .isZero();
    }

    @Test
    void reportsTheStoreConnectionPool() {
        PrometheusText metrics = PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());

        Map<String, String> pool = Map.of("pool", "switchboard-store");
        assertThat(metrics.value("hikaricp_connections_max", pool)).isEqualTo(4);
        assertThat(metrics.value("hikaricp_connections", pool)).isBetween(1.0, 4.0);
        assertThat(metrics.value("hikaricp_connections_pending", pool)).isZero();
        assertThat(metrics.value("hikaricp_connections_timeout_total", pool)).isZero();
        // The gateway has read and written its store since it started (switch states, the config event).
        assertThat(metrics.value("hikaricp_connections_acquire_seconds_count", pool))
                .isPositive();
    }

    private static Map<String, String> requests(String caller, String outcome, String statusClass) {
        return Map.of("connector", "shop", "caller", caller, "outcome", outcome, "status_class", statusClass);
    }
}
