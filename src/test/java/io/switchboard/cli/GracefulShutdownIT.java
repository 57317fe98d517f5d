package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.GatewayProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GracefulShutdownIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String config(String drainTimeout) {
        return """
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  drain-timeout: %s
                connectors:
                  stub:
                    upstream:
                      endpoints: [ "%s" ]
                """.formatted(drainTimeout, UPSTREAM.baseUrl());
    }

    @Test
    void finishesTheCallInFlightRefusesNewConnectionsAndExitsZeroOnSigterm() throws Exception {
        UPSTREAM.answerWith(request -> Reply.ok("finished").after(Duration.ofSeconds(2)));
        try (GatewayProcess gateway = GatewayProcess.withYaml(config("10s")).start()) {
            CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(
                    HttpRequest.newBuilder(gateway.proxy("/stub/slow")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !UPSTREAM.received().isEmpty());
            long signalled = System.nanoTime();

            gateway.process().destroy();

            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> refusesConnections(gateway.proxyPort()));
            // The admin listener stays up while calls drain, and tells the orchestrator not to send more.
            assertThat(CLIENT.send(
                                    HttpRequest.newBuilder(gateway.admin("/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(503);
            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finished");
            assertThat(gateway.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.process().exitValue()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
            assertThat(gateway.stderrLines()).anyMatch(line -> line.contains("stopping: draining calls in flight"));
        }
    }

    @Test
    void cutsACallThatOutlastsTheDrainTimeoutAndStillExitsZero() throws Exception {
        UPSTREAM.answerWith(request -> Reply.ok("too late").after(Duration.ofSeconds(8)));
        try (GatewayProcess gateway = GatewayProcess.withYaml(config("1s")).start()) {
            CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(
                    HttpRequest.newBuilder(gateway.proxy("/stub/slow")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !UPSTREAM.received().isEmpty());
            long signalled = System.nanoTime();

            gateway.process().destroy();

            assertThat(gateway.process().waitFor(6, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.process().exitValue()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(6));
            assertThat(inFlight)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat()
                    .withRootCauseInstanceOf(IOException.class);
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
