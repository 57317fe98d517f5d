package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningGateway;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS upstreams: a private CA from {@code tls.ca-file}, host name verification, and HTTP/2 over ALPN. */
class UpstreamTlsIT {
    private static final TestCertificate LOCALHOST = TestCertificate.create("localhost", "ip:127.0.0.1,dns:localhost");
    private static final TestCertificate OTHER_NAME = TestCertificate.create("other.example", "dns:other.example");

    @RegisterExtension
    static final VertxUpstream SECURE = VertxUpstream.tls(LOCALHOST);

    @RegisterExtension
    static final VertxUpstream MISNAMED = VertxUpstream.tls(OTHER_NAME);

    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> RunningGateway.LISTEN_ANY_PORT
            + """
            connectors:
              trusted:
                upstream:
                  endpoints: [ "https://127.0.0.1:%1$d/tls" ]
                  tls: { ca-file: "%2$s" }
              untrusted:
                upstream:
                  endpoints: [ "https://127.0.0.1:%1$d/tls" ]
              misnamed:
                upstream:
                  endpoints: [ "https://127.0.0.1:%3$d" ]
                  tls: { ca-file: "%4$s" }
              misnamed-lax:
                upstream:
                  endpoints: [ "https://127.0.0.1:%3$d" ]
                  tls: { ca-file: "%4$s", verify-host: false }
              h2-tls:
                upstream:
                  endpoints: [ "https://127.0.0.1:%1$d/tls" ]
                  protocol: http2
                  tls: { ca-file: "%2$s" }
            """.formatted(SECURE.port(), LOCALHOST.pem(), MISNAMED.port(), OTHER_NAME.pem()));

    private static void assertUnreachable(HttpResponse<String> response, String connector) {
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Switchboard-Error")).contains("upstream-unreachable");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:switchboard:problem:upstream-unreachable");
        assertThat(problem.getString("connector")).isEqualTo(connector);
    }

    @Test
    void reachesAnUpstreamSignedByTheConfiguredCa() {
        HttpResponse<String> response = GATEWAY.get("/trusted/orders?x=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello over HTTP_1_1");
        assertThat(SECURE.received()).singleElement().satisfies(seen -> {
            assertThat(seen.uri()).isEqualTo("/tls/orders?x=1");
            assertThat(seen.authority()).isEqualTo("127.0.0.1:" + SECURE.port());
        });
    }

    @Test
    void answers502NamingTheTlsFailureWhenTheCertificateIsNotTrusted() {
        HttpResponse<String> response = GATEWAY.get("/untrusted/orders");

        assertUnreachable(response, "untrusted");
        assertThat(new JsonObject(response.body()).getString("detail"))
                .contains("https://127.0.0.1:" + SECURE.port())
                .containsIgnoringCase("SSL")
                .containsIgnoringCase("certificat");
        assertThat(SECURE.received()).isEmpty();
    }

    @Test
    void answers502WhenTheCertificateNamesAnotherHost() {
        HttpResponse<String> response = GATEWAY.get("/misnamed/orders");

        assertUnreachable(response, "misnamed");
        assertThat(new JsonObject(response.body()).getString("detail")).contains("127.0.0.1");
        assertThat(MISNAMED.received()).isEmpty();
    }

    @Test
    void acceptsACertificateForAnotherHostWhenHostVerificationIsOff() {
        HttpResponse<String> response = GATEWAY.get("/misnamed-lax/orders");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MISNAMED.received()).hasSize(1);
    }

    @Test
    void speaksHttp2OverTlsWhenTheUpstreamOffersItByAlpn() {
        HttpResponse<String> response = GATEWAY.get("/h2-tls/orders");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello over HTTP_2");
        assertThat(SECURE.received()).singleElement().satisfies(seen -> {
            assertThat(seen.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(seen.uri()).isEqualTo("/tls/orders");
        });
    }
}
