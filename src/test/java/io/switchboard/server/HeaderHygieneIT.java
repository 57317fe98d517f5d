package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which headers cross the gateway in each direction, and which the gateway sets itself. */
class HeaderHygieneIT {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              stub:
                upstream:
                  endpoints: [ "%s" ]
            """.formatted(UPSTREAM.baseUrl()));

    private static RawConnection.Response rawGet(String headers) {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            return connection
                    .send("GET /stub/h HTTP/1.1\r\n" + headers + "\r\n")
                    .read();
        }
    }

    private static HttpResponse<String> get(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.proxy("/stub/h"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return GATEWAY.send(request.build());
    }

    private static String sentUpstream(String header) {
        String value = received().header(header);
        assertThat(value).as("%s sent upstream", header).isNotNull();
        return Objects.requireNonNull(value);
    }

    private static FakeUpstream.Recorded received() {
        assertThat(UPSTREAM.received()).hasSize(1);
        return UPSTREAM.received().get(0);
    }

    @Test
    void dropsHopByHopRequestHeadersAndThoseNamedInConnection() {
        RawConnection.Response response = rawGet("""
                Host: gw.example:8443\r
                Connection: keep-alive, X-Foo, x-bar\r
                X-Foo: secret\r
                X-Bar: secret too\r
                X-Kept: yes\r
                Keep-Alive: timeout=5\r
                TE: trailers\r
                Trailer: X-Checksum\r
                Upgrade: foo/1\r
                Proxy-Authorization: Basic dXNlcjpwYXNz\r
                Proxy-Connection: keep-alive\r
                """);

        assertThat(response.status()).isEqualTo(200);
        FakeUpstream.Recorded request = received();
        assertThat(request.headers())
                .doesNotContainKeys(
                        "connection",
                        "x-foo",
                        "x-bar",
                        "keep-alive",
                        "te",
                        "trailer",
                        "upgrade",
                        "proxy-authorization",
                        "proxy-connection");
        assertThat(request.header("X-Kept")).isEqualTo("yes");
    }

    @Test
    void dropsHopByHopResponseHeadersAndThoseNamedInConnection() {
        UPSTREAM.enqueue(Reply.ok("body")
                .withHeader("Connection", "X-Up-Secret")
                .withHeader("X-Up-Secret", "s")
                .withHeader("Keep-Alive", "timeout=5")
                .withHeader("Proxy-Authenticate", "Basic realm=up")
                .withHeader("Proxy-Connection", "keep-alive")
                .withHeader("Trailer", "X-Sum")
                .withHeader("Upgrade", "foo/1")
                .withHeader("X-Up-Kept", "yes"));

        RawConnection.Response response = rawGet("Host: gw\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("body");
        assertThat(response.headers())
                .doesNotContainKeys(
                        "X-Up-Secret", "Keep-Alive", "Proxy-Authenticate", "Proxy-Connection", "Trailer", "Upgrade");
        assertThat(response.header("Connection"))
                .satisfiesAnyOf(
                        c -> assertThat(c).isNull(), c -> assertThat(c).doesNotContainIgnoringCase("x-up-secret"));
        assertThat(response.header("X-Up-Kept")).isEqualTo("yes");
    }

    @Test
    void sendsTheUpstreamsOwnHostAndTheCallersHostAsForwardedHost() {
        rawGet("Host: gw.example:8443\r\n");

        FakeUpstream.Recorded request = received();
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + UPSTREAM.port());
        assertThat(request.header("X-Forwarded-Host")).isEqualTo("gw.example:8443");
        assertThat(request.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void appendsTheCallerToAnExistingForwardedFor() {
        get("X-Forwarded-For", "10.1.2.3");

        assertThat(received().header("X-Forwarded-For")).isEqualTo("10.1.2.3, 127.0.0.1");
    }

    @Test
    void joinsSeveralForwardedForHeadersBeforeAppending() {
        rawGet("Host: gw\r\nX-Forwarded-For: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2, 10.0.0.3\r\n");

        FakeUpstream.Recorded request = received();
        assertThat(request.headers().get("x-forwarded-for")).containsExactly("10.0.0.1, 10.0.0.2, 10.0.0.3, 127.0.0.1");
    }

    @Test
    void replacesForwardingHeadersACallerCouldSpoof() {
        rawGet("""
                Host: gw\r
                X-Forwarded-Proto: https\r
                X-Forwarded-Host: bank.example\r
                Forwarded: for=1.2.3.4;proto=https\r
                """);

        FakeUpstream.Recorded request = received();
        assertThat(request.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(request.header("X-Forwarded-Host")).isEqualTo("gw");
        assertThat(request.header("Forwarded")).isNull();
    }

    @Test
    void continuesTheCallersTraceWithANewParent() {
        HttpResponse<String> response = get("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");

        String sent = sentUpstream("traceparent");
        assertThat(sent).matches(TRACEPARENT).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        assertThat(sent).doesNotContain(CALLER_SPAN);
        assertThat(response.headers().firstValue("traceparent")).contains(sent);
    }

    @Test
    void keepsTheCallersTraceFlags() {
        get("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-00");

        assertThat(received().header("traceparent"))
                .startsWith("00-" + TRACE_ID)
                .endsWith("-00");
    }

    @Test
    void passesTraceStateOnUnchanged() {
        get("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "tracestate", "vendor=abc,other=1");

        assertThat(received().header("tracestate")).isEqualTo("vendor=abc,other=1");
    }

    @Test
    void startsATraceWhenTheCallerSentNone() {
        HttpResponse<String> response = get();

        String sent = sentUpstream("traceparent");
        assertThat(sent).matches(TRACEPARENT).endsWith("-01");
        assertThat(response.headers().firstValue("traceparent")).contains(sent);
    }

    @ParameterizedTest(name = "starts a new trace instead of the invalid traceparent \"{0}\"")
    @ValueSource(
            strings = {
                "garbage",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            })
    void startsANewTraceInsteadOfAnInvalidOne(String invalid) {
        HttpResponse<String> response = get("traceparent", invalid);

        String sent = sentUpstream("traceparent");
        assertThat(sent).matches(TRACEPARENT);
        assertThat(sent.substring(3, 35)).isNotEqualTo(TRACE_ID).isNotEqualTo("0".repeat(32));
        assertThat(response.headers().firstValue("traceparent")).contains(sent);
    }

    @Test
    void keepsTheCallersRequestIdAndReturnsIt() {
        HttpResponse<String> response = get("X-Request-Id", "order-42.retry_1");

        assertThat(received().header("X-Request-Id")).isEqualTo("order-42.retry_1");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("order-42.retry_1");
    }

    @Test
    void createsARequestIdWhenTheCallerSentNone() {
        HttpResponse<String> response = get();

        String sent = sentUpstream("X-Request-Id");
        assertThat(sent).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue("X-Request-Id")).contains(sent);
    }

    @ParameterizedTest(name = "replaces the unusable request id \"{0}\"")
    @ValueSource(strings = {"has space", "quote\"d", "<script>", "é"})
    void replacesARequestIdThatIsNotAToken(String invalid) {
        HttpResponse<String> response = get("X-Request-Id", invalid);

        String sent = sentUpstream("X-Request-Id");
        assertThat(sent).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue("X-Request-Id")).contains(sent);
    }

    @Test
    void replacesARequestIdLongerThan128Characters() {
        get("X-Request-Id", "r".repeat(129));

        assertThat(received().header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void readsTheCallerAndDoesNotForwardIt() {
        HttpResponse<String> response = get("Switchboard-Caller", "billing-service", "Switchboard-Debug", "1");

        assertThat(response.statusCode()).isEqualTo(200);
        FakeUpstream.Recorded request = received();
        assertThat(request.headers()).doesNotContainKeys("switchboard-caller", "switchboard-debug");
    }

    @ParameterizedTest(name = "refuses the caller name \"{0}\"")
    @ValueSource(
            strings = {"has space", "semi;colon", "x12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesACallerNameThatIsNotAToken(String caller) {
        HttpResponse<String> response = get("Switchboard-Caller", caller);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("bad-request");
        assertThat(response.body()).contains("Switchboard-Caller");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void namesTheConnectorAndTheAttemptsInTheResponse() {
        HttpResponse<String> response = get();

        assertThat(response.headers().firstValue("Switchboard-Connector")).contains("stub");
        assertThat(response.headers().firstValue("Switchboard-Attempts")).contains("1");
    }

    @Test
    void answersExpectContinueItselfAndDoesNotForwardIt() {
        try (RawConnection connection = RawConnection.open(GATEWAY.gateway().proxyPort())) {
            RawConnection.Response interim = connection
                    .send("POST /stub/h HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .read();

            RawConnection.Response response = connection.send("hello").read();

            assertThat(interim.status()).isEqualTo(100);
            assertThat(response.status()).isEqualTo(200);
        }
        FakeUpstream.Recorded request = received();
        assertThat(request.header("Expect")).isNull();
        assertThat(request.bodyText()).isEqualTo("hello");
    }

    @Test
    void keepsRepeatedEndToEndHeadersInOrder() {
        rawGet("Host: gw\r\nX-Multi: one\r\nX-Multi: two\r\nAccept: text/plain\r\n");

        assertThat(received().headers().get("x-multi")).isEqualTo(List.of("one", "two"));
    }
}
