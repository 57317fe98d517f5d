package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a request's path, query and method reach the connector's upstream. */
class RoutingIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream OTHER = new FakeUpstream();

    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
            () -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              base:
                upstream:
                  endpoints: [ "%1$s/api" ]
              slash:
                upstream:
                  endpoints: [ "%1$s/api/" ]
              root:
                upstream:
                  endpoints: [ "%1$s" ]
              rootslash:
                upstream:
                  endpoints: [ "%1$s/" ]
              deep:
                upstream:
                  endpoints: [ "%1$s/v1/%%7Euser/x" ]
              other:
                upstream:
                  endpoints: [ "%2$s/other" ]
            """.formatted(UPSTREAM.baseUrl(), OTHER.baseUrl()));

    private static String pathReceivedFor(String request) {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            RawConnection.Response response = connection
                    .send("GET " + request + " HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .read();
            assertThat(response.status()).as("status for %s", request).isEqualTo(200);
        }
        assertThat(UPSTREAM.received()).hasSize(1);
        return UPSTREAM.received().get(0).path();
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        "/base, /api",
        "/base/, /api/",
        "/base/a, /api/a",
        "/base/a/b/, /api/a/b/",
        "/base//a, /api//a",
        "/slash, /api/",
        "/slash/, /api/",
        "/slash/a, /api/a",
        "/slash/a/b/, /api/a/b/",
        "/root, /",
        "/root/, /",
        "/root/a/b/, /a/b/",
        "/rootslash, /",
        "/rootslash/a, /a",
        "/deep, /v1/%7Euser/x",
        "/deep/y, /v1/%7Euser/x/y",
        "/base/a%20b/%C3%A9t%C3%A9, /api/a%20b/%C3%A9t%C3%A9",
        "/base/a+b/c@d/e:f/g=h/i;j, /api/a+b/c@d/e:f/g=h/i;j",
        "/base/%7e/%41, /api/%7e/%41",
    })
    void joinsTheRestOfThePathToTheEndpointsBasePath(String request, String expected) {
        assertThat(pathReceivedFor(request)).isEqualTo(expected);
    }

    @Test
    void routesByTheFirstSegmentOnly() {
        HttpResponse<String> response = GATEWAY.get("/other/base/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.received()).isEmpty();
        assertThat(OTHER.received())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/other/base/x"));
        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("other");
    }

    @ParameterizedTest(name = "passes the query \"{0}\" byte for byte")
    @ValueSource(
            strings = {
                "a=1",
                "b=2&a=1",
                "a=%20x&b=%2B&c=+&d=%2b",
                "a=&b=&=c",
                "a&b&c",
                "a=1&a=2&a=1",
                "q=%E2%82%AC%C3%A9",
                "path=/x/../y&dots=..&slash=%2F&bs=%5C",
                "a=b?c=d",
                "x=%3D%26%3F%23",
                "%7E=~&UPPER=Case",
                "=",
                "&&",
            })
    void passesTheQueryStringByteForByte(String query) {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            RawConnection.Response response = connection
                    .send("GET /base/search?" + query + " HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .read();

            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/search");
            assertThat(r.query()).isEqualTo(query);
        });
    }

    @Test
    void sendsNoQueryWhenTheCallerSentNone() {
        GATEWAY.get("/base/search");

        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.query()).isNull());
    }

    @Test
    void keepsAnEmptyQueryAsAnEmptyQuery() {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            connection.send("GET /base/search? HTTP/1.1\r\nHost: gw\r\n\r\n").read();
        }

        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.query()).isEmpty());
    }

    @Test
    void keepsTheQueryWhenThePathIsOnlyTheConnector() {
        GATEWAY.get("/base?x=1");

        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api");
            assertThat(r.query()).isEqualTo("x=1");
        });
    }

    @Test
    void answersAnUnknownConnectorWithAProblem() {
        HttpResponse<String> response = GATEWAY.get("/nope/orders?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("unknown-connector");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:switchboard:problem:unknown-connector");
        assertThat(problem.getString("title")).isEqualTo("Unknown connector");
        assertThat(problem.getInteger("status")).isEqualTo(404);
        assertThat(problem.getString("detail")).contains("'nope'");
        assertThat(problem.getString("traceId")).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(tp -> assertThat(tp).contains(problem.getString("traceId")));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(UPSTREAM.received()).isEmpty();
        assertThat(OTHER.received()).isEmpty();
    }

    @Test
    void answersTheBareRootWithABadRequest() {
        HttpResponse<String> response = GATEWAY.get("/");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("bad-request");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void keepsTheTraceIdOfTheCallerInAnUnknownConnectorProblem() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/nope"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .build());

        assertThat(new JsonObject(response.body()).getString("traceId")).isEqualTo(traceId);
    }

    @ParameterizedTest(name = "forwards {0} with its body")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void forwardsMethodsWithABody(String method) {
        UPSTREAM.answerWith(r -> Reply.status(201, r.method() + ":" + r.bodyText()));

        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/base/items/1"))
                .method(method, BodyPublishers.ofString("{\"n\":1}"))
                .header("Content-Type", "application/json")
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(method + ":{\"n\":1}");
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo(method);
            assertThat(r.path()).isEqualTo("/api/items/1");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Content-Length")).isEqualTo("7");
        });
    }

    @ParameterizedTest(name = "forwards {0} without a body")
    @ValueSource(strings = {"GET", "DELETE", "OPTIONS"})
    void forwardsMethodsWithoutABody(String method) {
        UPSTREAM.answerWith(r -> Reply.ok(r.method()));

        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/base/items/1"))
                .method(method, BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(method);
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo(method);
            assertThat(r.body()).isEmpty();
        });
    }

    @Test
    void refusesTheAsteriskFormOfOptions() {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            RawConnection.Response response =
                    connection.send("OPTIONS * HTTP/1.1\r\nHost: gw\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
        }
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void answersHeadWithoutABodyAndKeepsTheConnectionUsable() {
        UPSTREAM.answerWith(r -> Reply.ok("").withHeader("X-Seen", r.method()));
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            RawConnection.Response head = connection
                    .send("HEAD /base/doc HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .readHead();
            UPSTREAM.answerWith(r -> Reply.ok("after head"));

            RawConnection.Response next = connection
                    .send("GET /base/doc HTTP/1.1\r\nHost: gw\r\n\r\n")
                    .read();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("X-Seen")).isEqualTo("HEAD");
            assertThat(head.header("Transfer-Encoding")).isNull();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.bodyText()).isEqualTo("after head");
        }
        assertThat(UPSTREAM.received())
                .extracting(FakeUpstream.Recorded::method)
                .containsExactly("HEAD", "GET");
    }

    @Test
    void relaysTheUpstreamsStatusAndBodyUnchanged() {
        UPSTREAM.enqueue(Reply.status(418, "short and stout").withHeader("X-Teapot", "yes"));

        HttpResponse<String> response = GATEWAY.get("/base/tea");

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo("short and stout");
        assertThat(response.headers().firstValue("X-Teapot")).contains("yes");
        assertThat(response.headers().firstValue("Switchboard-Error")).isEmpty();
    }

    @Test
    void relaysAChunkedUpstreamBody() {
        UPSTREAM.enqueue(Reply.ok("streamed body").asChunked());

        HttpResponse<String> response = GATEWAY.get("/base/stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("streamed body");
    }
}
