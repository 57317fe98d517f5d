package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.boot.Gateway;
import io.switchboard.config.Balance;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.GatewayConfig;
import io.switchboard.config.HostPort;
import io.switchboard.config.LimitsConfig;
import io.switchboard.config.OutlierConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.TlsConfig;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.config.UpstreamProtocol;
import io.switchboard.testing.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProxySmokeIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        UpstreamConfig upstream = new UpstreamConfig(
                List.of(URI.create(UPSTREAM.baseUrl() + "/api")),
                Balance.ROUND_ROBIN,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                16,
                Duration.ofSeconds(30),
                UpstreamProtocol.HTTP1,
                TlsConfig.DEFAULT,
                OutlierConfig.DEFAULT);
        ConnectorConfig connector = new ConnectorConfig("stub", null, upstream, null, null, LimitsConfig.NONE, null);
        GatewayConfig settings = new GatewayConfig(
                new HostPort("127.0.0.1", 0),
                new HostPort("127.0.0.1", 0),
                GatewayConfig.DEFAULT.store(),
                GatewayConfig.DEFAULT.journal(),
                List.of(),
                GatewayConfig.DEFAULT.limits(),
                Duration.ofSeconds(2));
        gateway = Gateway.start(
                        new SwitchboardConfig(settings, Map.of("stub", connector)),
                        1,
                        Clock.systemUTC(),
                        (runtime, metrics) -> new io.switchboard.runtime.ConfigControl() {
                            @Override
                            public ConfigCheck validate() {
                                return new ConfigCheck(true, false, 1, List.of());
                            }

                            @Override
                            public ConfigCheck reload(String requestedBy) {
                                return new ConfigCheck(true, false, 1, List.of());
                            }
                        })
                .await();
    }

    @AfterAll
    static void stop() {
        gateway.stop().await();
    }

    @Test
    void forwardsPathAndQueryToTheUpstreamBase() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + gateway.proxyPort() + "/stub/orders/42?b=2&a=%20x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/orders/42");
            assertThat(r.query()).isEqualTo("b=2&a=%20x");
        });
        assertThat(response.headers().firstValue("Switchboard-Attempts")).contains("1");
    }
}
