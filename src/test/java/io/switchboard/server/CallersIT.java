package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Callers identified by API key or name, {@code require-caller}, and each caller's own limit on a connector. */
class CallersIT {
    private static final String SHOP_KEY = "shop-key-0123456789abcdef";
    private static final String ADS_KEY = "ads-key-0123456789abcdef";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      require-caller: true
                    callers:
                      shop: { key: "${SHOP_KEY}" }
                      ads: { key: "${ADS_KEY}", limits: { courier: 2/h } }
                      billing: {}
                    connectors:
                      courier:
                        upstream: { endpoints: [ "%s" ] }
                      other:
                        upstream: { endpoints: [ "%1$s" ] }
                    """.formatted(UPSTREAM.baseUrl()))
            .withEnv("SHOP_KEY", SHOP_KEY)
            .withEnv("ADS_KEY", ADS_KEY);

    @Test
    void anonymousCallIsRefused401WhenCallersMustIdentify() {
        HttpResponse<String> response = GATEWAY.get("/courier/x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("caller-required");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void apiKeyIdentifiesItsCallerAndNeverReachesTheProvider() {
        HttpResponse<String> response = call("/other/x", "Switchboard-Api-Key", SHOP_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.received()).singleElement().satisfies(request -> {
            assertThat(request.header("Switchboard-Api-Key")).isNull();
            assertThat(request.header("Switchboard-Caller")).isNull();
        });
        PrometheusText metrics = PrometheusText.parse(
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/metrics")).build())
                        .body());
        assertThat(metrics.value(
                        "switchboard_requests_total",
                        Map.of("connector", "other", "caller", "shop", "outcome", "ok", "status_class", "2xx")))
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void unknownApiKeyIsRefused401() {
        HttpResponse<String> response = call("/courier/x", "Switchboard-Api-Key", "not-a-key-of-anyone-at-all");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("unknown-caller");
        assertThat(response.body()).doesNotContain("not-a-key-of-anyone-at-all");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void namingACallerThatHasAKeyWithoutTheKeyIsRefused() {
        HttpResponse<String> response = call("/courier/x", "Switchboard-Caller", "shop");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("caller-required");
        assertThat(new JsonObject(response.body()).getString("detail"))
                .isEqualTo("caller 'shop' has an API key in callers: and must send it in Switchboard-Api-Key");
    }

    @Test
    void callerWithoutAKeyIdentifiesByName() {
        assertThat(call("/courier/x", "Switchboard-Caller", "billing").statusCode())
                .isEqualTo(200);
    }

    @Test
    void callerOverItsOwnLimitIsRefused429WhileOthersGoOn() {
        assertThat(call("/courier/a", "Switchboard-Api-Key", ADS_KEY).statusCode())
                .isEqualTo(200);
        assertThat(call("/courier/b", "Switchboard-Api-Key", ADS_KEY).statusCode())
                .isEqualTo(200);

        HttpResponse<String> over = call("/courier/c", "Switchboard-Api-Key", ADS_KEY);
        HttpResponse<String> otherConnector = call("/other/d", "Switchboard-Api-Key", ADS_KEY);
        HttpResponse<String> otherCaller = call("/courier/e", "Switchboard-Api-Key", SHOP_KEY);

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Switchboard-Error")).contains("rate-limited");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        JsonObject problem = new JsonObject(over.body());
        assertThat(problem.getString("detail"))
                .isEqualTo("caller 'ads' is over its own limit of 2 per hour on connector 'courier'");
        assertThat(problem.getString("caller")).isEqualTo("ads");
        assertThat(otherConnector.statusCode()).isEqualTo(200);
        assertThat(otherCaller.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.receivedPaths()).containsExactly("/a", "/b", "/d", "/e");
    }

    private static HttpResponse<String> call(String path, String header, String value) {
        return GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy(path))
                .header(header, value)
                .build());
    }
}
