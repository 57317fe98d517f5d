package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProxySmokeIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              stub:
                upstream:
                  endpoints: [ "%s/api" ]
            """.formatted(UPSTREAM.baseUrl()));

    @Test
    void forwardsPathAndQueryToTheUpstreamBase() {
        HttpResponse<String> response = GATEWAY.get("/stub/orders/42?b=2&a=%20x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/orders/42");
            assertThat(r.query()).isEqualTo("b=2&a=%20x");
        });
        assertThat(response.headers().firstValue("Switchboard-Attempts")).contains("1");
    }
}
