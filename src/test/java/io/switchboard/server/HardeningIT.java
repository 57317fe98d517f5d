package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests a border gateway must refuse, written byte for byte on a plain socket. */
class HardeningIT {
    private static final int MAX_BODY = 1024;

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream SECOND = new FakeUpstream();

    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> """
            gateway:
              listen: 127.0.0.1:0
              admin: 127.0.0.1:0
              drain-timeout: 2s
              limits:
                max-header-size: 2KiB
                max-header-count: 20
                max-uri-length: 256
                max-body-size: 1KiB
                idle-timeout: 3s
                request-read-timeout: 1s
            connectors:
              stub:
                upstream:
                  endpoints: [ "%1$s/api" ]
              pair:
                upstream:
                  endpoints: [ "%1$s/api", "%2$s/api" ]
                  outlier: { consecutive-failures: 1, eject-for: 60s }
            """.formatted(UPSTREAM.baseUrl(), SECOND.baseUrl()));

    private static RawConnection connect() {
        return RawConnection.open(GATEWAY.gateway().proxyPort());
    }

    /** Returns the lines joined by CRLF, the way HTTP/1.1 frames them. */
    private static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    private static RawConnection.Response refusal(String request) {
        try (RawConnection connection = connect()) {
            return connection.send(request).read();
        }
    }

    private static void assertProblem(RawConnection.Response response, int status, String kind) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("Switchboard-Error")).isEqualTo(kind);
        JsonObject problem = response.json();
        assertThat(problem.getString("type")).isEqualTo("urn:switchboard:problem:" + kind);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("traceId")).matches("[0-9a-f]{32}");
    }

    private static void assertUpstreamUntouched() {
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(3))
                .until(() -> UPSTREAM.received().isEmpty());
    }

    @Test
    void forwardsAWellFormedRequestOnTheSameSocket() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/orders HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n\r\nhello")
                    .read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("ok");
            assertThat(UPSTREAM.received())
                    .singleElement()
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo("hello"));
        }
    }

    @Test
    void refusesAnAbsoluteUriForAnotherHost() {
        RawConnection.Response response = refusal("GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n");

        assertProblem(response, 400, "bad-request");
        assertUpstreamUntouched();
    }

    @Test
    void refusesAnAbsoluteUriEvenForAConnectorPath() {
        RawConnection.Response response =
                refusal("GET http://127.0.0.1/stub/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertProblem(response, 400, "bad-request");
        assertUpstreamUntouched();
    }

    @Test
    void refusesConnectWith405AndClosesTheConnection() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n")
                    .read();

            assertProblem(response, 405, "bad-request");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @ParameterizedTest(name = "refuses the path {0} without reaching the upstream")
    @ValueSource(
            strings = {
                "/stub/../admin",
                "/stub/a/../../admin",
                "/stub/%2e%2e/admin",
                "/stub/%2E%2e/admin",
                "/stub/.%2e/admin",
                "/stub/%2e./admin",
                "/stub/./admin",
                "/stub/%2e/admin",
                "/stub/..",
                "/stub/a%2fb",
                "/stub/a%2Fb",
                "/stub/..%2fadmin",
                "/stub/a%5cb",
                "/stub/a%5C..%5Cadmin",
                "/stub/a\\..\\admin",
                "/stub/a%00b",
                "/stub/a%0d%0aX-Injected:%201",
                "/stub/a%7fb",
                "/stub/a%zzb",
                "/stub/a%2",
                "/stub/..;/admin",
                "/stub/%2e%2e;x=1/admin",
                "/../stub/admin",
                "/stub/a#fragment",
            })
    void refusesPathsThatCouldLeaveTheConnectorsBasePath(String path) {
        RawConnection.Response response = refusal("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertProblem(response, 400, "bad-request");
        assertUpstreamUntouched();
    }

    @ParameterizedTest(name = "forwards the harmless path {0} unchanged")
    @ValueSource(strings = {"/stub/a..b", "/stub/...", "/stub/.well-known/x", "/stub/a;b=1", "/stub/%41%2e%42"})
    void forwardsPathsThatOnlyLookLikeDotSegments(String path) {
        RawConnection.Response response = refusal("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api" + path.substring("/stub".length())));
    }

    @ParameterizedTest(name = "refuses and disconnects when the framing is: {0}")
    @ValueSource(
            strings = {
                "Content-Length: 5\r\nTransfer-Encoding: xchunked",
                "Content-Length: 5\r\nContent-Length: 6",
                "Content-Length: 5\r\nContent-Length: 5",
                "Content-Length: 5, 5",
                "Content-Length: abc",
                "Content-Length: -5",
                "Content-Length: +5",
                "Content-Length: 0x5",
                "Transfer-Encoding: xchunked",
                "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: identity",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding : chunked",
                "Content-Length : 5",
            })
    void refusesAmbiguousFramingAndClosesTheConnection(String framing) {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/orders HTTP/1.1\r\nHost: gw\r\n" + framing + "\r\n\r\n0\r\n\r\n")
                    .read();

            assertProblem(response, 400, "bad-request");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @ParameterizedTest(name = "goes by the chunks and closes the connection when the framing is: {0}")
    @ValueSource(
            strings = {
                "Content-Length: 5\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: chunked\r\nContent-Length: 5",
                "Transfer-Encoding:\tChunked\r\nContent-Length: 5",
            })
    void goesByTheChunksAndClosesTheConnectionWhenContentLengthComesWithChunked(String framing) {
        // Netty drops the Content-Length before the gateway sees the request (RFC 9112 section 6.3 allows going by
        // the chunks), so this cannot be refused; what matters is that nothing else is read from the connection.
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/orders HTTP/1.1\r\nHost: gw\r\n" + framing + "\r\n\r\n"
                            + String.join("\r\n", "5", "hello", "0", "", ""))
                    .read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.bodyText()).isEqualTo("hello");
            assertThat(r.header("Content-Length")).isNull();
        });
    }

    @Test
    void closesTheConnectionAfterAnyChunkedRequest() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send(crlf(
                            "POST /stub/orders HTTP/1.1",
                            "Host: gw",
                            "Transfer-Encoding: chunked",
                            "",
                            "0",
                            "",
                            "GET /stub/pipelined HTTP/1.1",
                            "Host: gw",
                            "",
                            ""))
                    .read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(UPSTREAM.receivedPaths()).containsExactly("/api/orders");
    }

    @Test
    void closesTheConnectionAfterARefusedChunkedRequest() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send(crlf(
                            "POST /nope/orders HTTP/1.1",
                            "Host: gw",
                            "Transfer-Encoding: chunked",
                            "",
                            "0",
                            "",
                            "GET /stub/pipelined HTTP/1.1",
                            "Host: gw",
                            "",
                            ""))
                    .read();

            assertProblem(response, 404, "unknown-connector");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @Test
    void neverForwardsASmuggledSecondRequest() {
        String smuggled = "GET /stub/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
        String body = "0\r\n\r\n" + smuggled;
        try (RawConnection connection = connect()) {
            connection.send("POST /stub/orders HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(3))
                .until(() -> UPSTREAM.receivedPaths().equals(List.of("/api/orders")));
    }

    @Test
    void answers414ToAUriJustOverTheLimit() {
        String path = "/stub/" + "a".repeat(256);

        RawConnection.Response response = refusal("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertProblem(response, 414, "uri-too-long");
        assertUpstreamUntouched();
    }

    @Test
    void answers414ToAUriFarOverTheLimit() {
        String path = "/stub/" + "a".repeat(4000);

        RawConnection.Response response = refusal("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertProblem(response, 414, "uri-too-long");
        assertUpstreamUntouched();
    }

    @Test
    void forwardsAUriRightAtTheLimit() {
        String path = "/stub/" + "a".repeat(256 - "/stub/".length());

        RawConnection.Response response = refusal("GET " + path + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void answers431ToHeadersOverTheSizeLimit() {
        RawConnection.Response response =
                refusal("GET /stub/x HTTP/1.1\r\nHost: gw\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n");

        assertProblem(response, 431, "headers-too-large");
        assertUpstreamUntouched();
    }

    @Test
    void answers431ToMoreHeadersThanTheCountLimit() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }

        RawConnection.Response response = refusal("GET /stub/x HTTP/1.1\r\nHost: gw\r\n" + headers + "\r\n");

        assertProblem(response, 431, "headers-too-large");
        assertUpstreamUntouched();
    }

    @Test
    void answers413ToADeclaredBodyOverTheLimitBeforeReadingIt() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n")
                    .read();

            assertProblem(response, 413, "payload-too-large");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @Test
    void forwardsADeclaredBodyRightAtTheLimit() {
        byte[] body = new byte[MAX_BODY];
        Arrays.fill(body, (byte) 'x');
        try (RawConnection connection = connect()) {
            connection.send("POST /stub/upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + MAX_BODY + "\r\n\r\n");

            RawConnection.Response response = connection.send(body).read();

            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.body()).hasSize(MAX_BODY));
    }

    @Test
    void cutsOffAChunkedBodyThatGrowsOverTheLimit() {
        String chunk = "x".repeat(400);
        try (RawConnection connection = connect()) {
            connection.send("POST /stub/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 4; i++) {
                if (!connection.trySend(("190\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII))) {
                    break;
                }
            }
            connection.trySend("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            RawConnection.Response response = connection.read();

            assertProblem(response, 413, "payload-too-large");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @Test
    void doesNotHoldACallersOversizedBodyAgainstTheEndpoint() {
        String chunk = "x".repeat(400);
        try (RawConnection connection = connect()) {
            connection.send("POST /pair/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 4; i++) {
                connection.trySend(("190\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            assertProblem(connection.read(), 413, "payload-too-large");
        }

        for (int i = 0; i < 4; i++) {
            assertThat(GATEWAY.get("/pair/ping").statusCode()).isEqualTo(200);
        }

        // One failure ejects an endpoint here: had the oversized body counted against one, all four would go to the
        // other.
        assertThat(UPSTREAM.receivedPaths()).contains("/api/ping");
        assertThat(SECOND.receivedPaths()).contains("/api/ping");
    }

    @Test
    void forwardsAChunkedBodyUnderTheLimit() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + String.join("\r\n", "5", "hello", "6", " world", "0", "", ""))
                    .read();

            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyText()).isEqualTo("hello world"));
    }

    @Test
    void closesAConnectionWhoseFirstRequestHeadTricklesPastTheReadTimeout() {
        long start = System.nanoTime();
        boolean closed = false;
        try (RawConnection connection = connect()) {
            connection.send("GET /stub/slow HTTP/1.1\r\nHost: gw\r\n");
            // One byte every 200 ms: a timer that counted bytes as activity would never fire; the read timeout must.
            for (int i = 0; i < 20 && !closed; i++) {
                closed = !connection.trySend(new byte[] {'X'}) || connection.closesWithin(Duration.ofMillis(200));
            }
        }

        assertThat(closed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900))
                .isLessThan(Duration.ofMillis(2800));
        assertUpstreamUntouched();
    }

    @Test
    void closesAKeepAliveConnectionWhoseNextRequestHeadTricklesPastTheIdleTimeout() {
        boolean closed = false;
        long start;
        try (RawConnection connection = connect()) {
            RawConnection.Response first = connection
                    .send("GET /stub/first HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .read();
            assertThat(first.status()).isEqualTo(200);
            start = System.nanoTime();
            connection.send("GET /stub/slow HTTP/1.1\r\nHost: gw\r\n");
            // Bytes of an unfinished head are no activity to the idle timer (see ConnectionTimeouts).
            for (int i = 0; i < 30 && !closed; i++) {
                closed = !connection.trySend(new byte[] {'X'}) || connection.closesWithin(Duration.ofMillis(200));
            }
        }

        assertThat(closed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(UPSTREAM.receivedPaths()).containsExactly("/api/first");
    }

    @Test
    void answers408AndDisconnectsWhenTheBodyStallsPastTheReadTimeout() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response = connection
                    .send("POST /stub/upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 100\r\n\r\nonly a part")
                    .read();

            assertProblem(response, 408, "request-timeout");
            assertThat(connection.closesWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertUpstreamUntouched();
    }

    @Test
    void closesAConnectionThatSendsNothing() {
        try (RawConnection connection = connect()) {
            long start = System.nanoTime();

            boolean closed = connection.closesWithin(Duration.ofSeconds(4));

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void closesAnIdleKeepAliveConnectionAfterTheIdleTimeout() {
        try (RawConnection connection = connect()) {
            RawConnection.Response response =
                    connection.send("GET /stub/x HTTP/1.1\r\nHost: gw\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            long start = System.nanoTime();

            boolean closed = connection.closesWithin(Duration.ofSeconds(6));

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2500))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void keepsAConnectionForSeveralRequestsInARow() {
        try (RawConnection connection = connect()) {
            for (int i = 0; i < 3; i++) {
                RawConnection.Response response = connection
                        .send("GET /stub/n" + i + " HTTP/1.1\r\nHost: gw\r\n\r\n")
                        .read();
                assertThat(response.status()).isEqualTo(200);
            }
        }

        assertThat(UPSTREAM.receivedPaths()).containsExactly("/api/n0", "/api/n1", "/api/n2");
    }
}
