package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http2.Http2Exception;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Callers that speak HTTP/2 in clear text (h2c) to the gateway, with prior knowledge or by upgrade. */
class CallerHttp2IT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> """
            gateway:
              listen: 127.0.0.1:0
              admin: 127.0.0.1:0
              drain-timeout: 2s
              limits:
                max-body-size: 1KiB
                max-header-size: 2KiB
                max-header-count: 20
            connectors:
              stub:
                upstream:
                  endpoints: [ "%s/api" ]
            """.formatted(UPSTREAM.baseUrl()));

    private static Vertx vertx;
    private static HttpClientAgent h2c;

    /** What the test client got back. */
    private record Answer(HttpVersion version, int status, MultiMap headers, String body) {}

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
        h2c = newH2cClient();
    }

    private static HttpClientAgent newH2cClient() {
        return vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(GATEWAY.gateway().proxyPort()));
    }

    @AfterAll
    static void stopClient() throws Exception {
        h2c.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Future<Answer> call(RequestOptions options, Buffer body) {
        return call(h2c, options, body);
    }

    private static Future<Answer> call(HttpClientAgent client, RequestOptions options, Buffer body) {
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body()
                        .map(content -> new Answer(
                                response.version(), response.statusCode(), response.headers(), content.toString())));
    }

    private static Answer answerOf(Future<Answer> answer)
            throws InterruptedException, ExecutionException, TimeoutException {
        return answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void proxiesACallerSpeakingH2cWithPriorKnowledge() throws Exception {
        Answer answer = answerOf(call(
                new RequestOptions().setMethod(HttpMethod.GET).setURI("/stub/orders/7?b=2&a=%20x"), Buffer.buffer()));

        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ok");
        assertThat(answer.headers().get("traceparent")).isNotBlank();
        assertThat(answer.headers().get("Switchboard-Connector")).isEqualTo("stub");
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/orders/7");
            assertThat(r.query()).isEqualTo("b=2&a=%20x");
            assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + UPSTREAM.port());
            assertThat(r.header("X-Forwarded-Host"))
                    .isEqualTo("127.0.0.1:" + GATEWAY.gateway().proxyPort());
            assertThat(r.headers().keySet()).noneMatch(name -> name.startsWith(":"));
        });
    }

    @Test
    void streamsAnH2cRequestBodyToAnHttp1Upstream() throws Exception {
        UPSTREAM.answerWith(r -> Reply.status(201, "got " + r.bodyText()));

        Answer answer = answerOf(call(
                new RequestOptions().setMethod(HttpMethod.POST).setURI("/stub/items"), Buffer.buffer("{\"n\":1}")));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("got {\"n\":1}");
        assertThat(UPSTREAM.received())
                .singleElement()
                .satisfies(r -> assertThat(r.bodyText()).isEqualTo("{\"n\":1}"));
    }

    @Test
    void refusesAnEscapingPathOverH2c() throws Exception {
        Answer answer = answerOf(
                call(new RequestOptions().setMethod(HttpMethod.GET).setURI("/stub/%2e%2e/admin"), Buffer.buffer()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().get("Switchboard-Error")).isEqualTo("bad-request");
        assertThat(new JsonObject(answer.body()).getString("traceId")).matches("[0-9a-f]{32}");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void answersAnUnknownConnectorOverH2c() throws Exception {
        Answer answer =
                answerOf(call(new RequestOptions().setMethod(HttpMethod.GET).setURI("/nope/x"), Buffer.buffer()));

        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers().get("Switchboard-Error")).isEqualTo("unknown-connector");
    }

    @Test
    void refusesABodyOverTheLimitWithoutBreakingOtherStreams() throws Exception {
        UPSTREAM.answerWith(
                r -> r.path().endsWith("/slow") ? Reply.ok("slow").after(Duration.ofMillis(500)) : Reply.ok("ok"));
        Future<Answer> slow =
                call(new RequestOptions().setMethod(HttpMethod.GET).setURI("/stub/slow"), Buffer.buffer());

        Answer tooLarge = answerOf(call(
                new RequestOptions().setMethod(HttpMethod.POST).setURI("/stub/upload"), Buffer.buffer(new byte[4096])));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.headers().get("Switchboard-Error")).isEqualTo("payload-too-large");
        Answer other = answerOf(slow);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("slow");
        assertThat(UPSTREAM.receivedPaths()).containsExactly("/api/slow");
    }

    @Test
    void cutsOffAStreamedH2cBodyThatGrowsOverTheLimit() throws Exception {
        Future<Answer> answer = h2c.request(
                        new RequestOptions().setMethod(HttpMethod.POST).setURI("/stub/upload"))
                .compose(request -> {
                    // No content-length: the limit can only be enforced while the body streams.
                    request.setChunked(true);
                    for (int i = 0; i < 4; i++) {
                        request.write(Buffer.buffer(new byte[400]));
                    }
                    return request.end().compose(ended -> request.response());
                })
                .compose(response -> response.body()
                        .map(content -> new Answer(
                                response.version(), response.statusCode(), response.headers(), content.toString())));

        Answer tooLarge = answerOf(answer);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.headers().get("Switchboard-Error")).isEqualTo("payload-too-large");
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(3))
                .until(() -> UPSTREAM.received().isEmpty());
    }

    @Test
    void countsOnlyRealHeadersAgainstTheLimitOverH2c() throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/stub/headers");
        for (int i = 0; i < 18; i++) {
            options.addHeader("x-h" + i, "v");
        }

        Answer answer = answerOf(call(options, Buffer.buffer()));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void answers431ToMoreHeadersThanTheCountLimitOverH2c() throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/stub/headers");
        for (int i = 0; i < 25; i++) {
            options.addHeader("x-h" + i, "v");
        }

        Answer answer = answerOf(call(options, Buffer.buffer()));

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.headers().get("Switchboard-Error")).isEqualTo("headers-too-large");
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void announcesTheHeaderSizeLimitToH2cCallers() throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI("/stub/headers")
                .addHeader("x-big", "b".repeat(3000));
        // Its own client: the refusal breaks the client's connection, which the other tests' calls would share.
        HttpClientAgent refusing = newH2cClient();

        try {
            // The limit travels in SETTINGS_MAX_HEADER_LIST_SIZE, so a well-behaved client refuses to send it.
            assertThatThrownBy(() -> answerOf(call(refusing, options, Buffer.buffer())))
                    .hasRootCauseInstanceOf(Http2Exception.class)
                    .rootCause()
                    .hasMessageContaining("2048");
            assertThat(UPSTREAM.received()).isEmpty();
        } finally {
            refusing.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void upgradesAnHttp1CallerToH2cWithoutForwardingTheUpgrade() throws Exception {
        HttpClient jdk = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> response = jdk.send(
                HttpRequest.newBuilder(GATEWAY.proxy("/stub/upgraded")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(UPSTREAM.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/upgraded");
            assertThat(r.headers()).doesNotContainKeys("upgrade", "http2-settings", "connection");
        });
    }
}
