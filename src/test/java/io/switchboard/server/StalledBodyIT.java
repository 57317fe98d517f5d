package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RunningGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A provider that stops sending in the middle of a body is cut off by the caller connection's idle timeout. */
class StalledBodyIT {
    private static Vertx vertx;
    private static HttpServer upstream;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        // Promises a kilobyte, sends ten bytes, then nothing more.
        upstream = vertx.createHttpServer()
                .requestHandler(request ->
                        request.response().putHeader("Content-Length", "1024").write("0123456789"))
                .listen(0, "127.0.0.1")
                .await();
        gateway = RunningGateway.fromYaml(() -> """
                        gateway:
                          listen: 127.0.0.1:0
                          admin: 127.0.0.1:0
                          drain-timeout: 1s
                          limits: { idle-timeout: 1s }
                        connectors:
                          stalling:
                            upstream:
                              endpoints: [ "http://127.0.0.1:%d" ]
                        """.formatted(upstream.actualPort()))
                .start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void breaksTheCallersConnectionInsteadOfHangingOrSendingAShortBody() {
        long start = System.nanoTime();

        CompletableFuture<HttpResponse<String>> response = gateway.client()
                .sendAsync(
                        HttpRequest.newBuilder(gateway.proxy("/stalling/export"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response)
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .withRootCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
