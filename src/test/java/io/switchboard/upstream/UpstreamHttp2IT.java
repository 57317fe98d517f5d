package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningGateway;
import io.vertx.core.http.HttpVersion;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upstreams reached over HTTP/2 in clear text (h2c with prior knowledge) when the connector says so. */
class UpstreamHttp2IT {
    @RegisterExtension
    static final VertxUpstream UPSTREAM = VertxUpstream.plain();

    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              h2c:
                upstream:
                  endpoints: [ "http://127.0.0.1:%1$d/base" ]
                  protocol: http2
              h1:
                upstream:
                  endpoints: [ "http://127.0.0.1:%1$d/base" ]
            """.formatted(UPSTREAM.port()));

    @Test
    void reachesAnH2cUpstreamWithPriorKnowledge() {
        HttpResponse<String> response = GATEWAY.get("/h2c/orders/7?b=2&a=%20x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello over HTTP_2");
        assertThat(response.headers().firstValue("X-Upstream-Version")).contains("HTTP_2");
        assertThat(UPSTREAM.received()).singleElement().satisfies(seen -> {
            assertThat(seen.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(seen.uri()).isEqualTo("/base/orders/7?b=2&a=%20x");
            assertThat(seen.authority()).isEqualTo("127.0.0.1:" + UPSTREAM.port());
            assertThat(seen.headers().get("traceparent")).isNotBlank();
            assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(seen.headers().contains("connection")).isFalse();
        });
    }

    @Test
    void streamsARequestBodyToAnH2cUpstream() {
        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/h2c/items"))
                .POST(BodyPublishers.ofString("{\"n\":1}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.received()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.body()).isEqualTo("{\"n\":1}");
        });
    }

    @Test
    void multiplexesConcurrentCallsToAnH2cUpstream() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(GATEWAY.client()
                    .sendAsync(
                            HttpRequest.newBuilder(GATEWAY.proxy("/h2c/n/" + i)).build(),
                            HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(UPSTREAM.received())
                .hasSize(20)
                .allSatisfy(seen -> assertThat(seen.version()).isEqualTo(HttpVersion.HTTP_2));
    }

    @Test
    void speaksHttp11ToTheSameServerByDefault() {
        HttpResponse<String> response = GATEWAY.get("/h1/x");

        assertThat(response.body()).isEqualTo("hello over HTTP_1_1");
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(seen -> assertThat(seen.version()).isEqualTo(HttpVersion.HTTP_1_1));
    }
}
