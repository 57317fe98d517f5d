package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.BlackholeListener;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RawHttpConnection;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeoutsIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final BlackholeListener BLACKHOLE = new BlackholeListener();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
            () -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              unreachable:
                upstream:
                  endpoints: [ "%2$s" ]
                  connect-timeout: 300ms
              slow:
                upstream:
                  endpoints: [ "%1$s" ]
                  response-timeout: 300ms
              bounded:
                upstream:
                  endpoints: [ "%1$s" ]
                  response-timeout: 5s
                  call-timeout: 400ms
            """.formatted(UPSTREAM.baseUrl(), BLACKHOLE.baseUrl()));

    @Test
    void answersUpstreamUnreachableWhenTheEndpointDoesNotAcceptInTime() {
        long start = System.nanoTime();

        HttpResponse<String> response = GATEWAY.get("/unreachable/ping");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("upstream-unreachable");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(new JsonObject(response.body()).getString("detail"))
                .contains("did not accept a connection within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void answersTimeoutWhenTheResponseHeadIsLate() {
        UPSTREAM.answerWith(request -> Reply.ok("late").after(Duration.ofSeconds(2)));
        long start = System.nanoTime();

        HttpResponse<String> response = GATEWAY.get("/slow/report");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("timeout");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("detail")).contains("sent no response within 300 ms");
        assertThat(problem.getString("connector")).isEqualTo("slow");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(1800));
    }

    @Test
    void answersTimeoutWhenTheWholeCallOutlastsTheCallTimeout() {
        UPSTREAM.answerWith(request -> Reply.ok("late").after(Duration.ofSeconds(2)));
        long start = System.nanoTime();

        HttpResponse<String> response = GATEWAY.get("/bounded/report");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("timeout");
        assertThat(new JsonObject(response.body()).getString("detail")).contains("call timeout of 400 ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofMillis(1800));
    }

    @Test
    void doesNotCountASlowUploadAgainstTheResponseTimeout() {
        byte[] body = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        RawHttpConnection.Response response;

        try (RawHttpConnection connection =
                RawHttpConnection.open(GATEWAY.gateway().proxyPort())) {
            connection
                    .write("POST /slow/upload HTTP/1.1\r\nHost: gateway\r\nContent-Length: 8\r\n\r\n")
                    .trickle(body, Duration.ofMillis(150));
            response = connection.readResponse();
        }

        assertThat(response.status()).isEqualTo(200);
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyText()).isEqualTo("abcdefgh"));
    }
}
