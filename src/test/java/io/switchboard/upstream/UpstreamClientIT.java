package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.config.Balance;
import io.switchboard.config.OutlierConfig;
import io.switchboard.config.TlsConfig;
import io.switchboard.config.UpstreamConfig;
import io.switchboard.config.UpstreamProtocol;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-event-loop keep-alive pool against a real Vert.x upstream that counts the connections it is given: reuse,
 * the limit and its wait, and every way an upstream ends a kept-alive connection.
 */
class UpstreamClientIT {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger connectionsOpen = new AtomicInteger();
    private @Nullable HttpServer upstream;
    private @Nullable UpstreamClient client;
    private @Nullable Endpoint endpoint;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = VERTX.vertx()
                .createHttpServer()
                .connectionHandler(connection -> {
                    connectionsOpened.incrementAndGet();
                    connectionsOpen.incrementAndGet();
                    connection.closeHandler(closed -> connectionsOpen.decrementAndGet());
                })
                .requestHandler(this::answer)
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        endpoint = new Endpoint(URI.create("http://127.0.0.1:" + upstream.actualPort()));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close().await(5, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.close().await(5, TimeUnit.SECONDS);
        }
    }

    /** /slow waits 300 ms; /close says Connection: close; /announce says Keep-Alive: timeout=1; /hang-up closes after. */
    private void answer(HttpServerRequest request) {
        switch (String.valueOf(request.path())) {
            case "/slow" -> VERTX.vertx().setTimer(300, id -> request.response().end("slow"));
            case "/close" -> request.response().putHeader("Connection", "close").end("bye");
            case "/announce" ->
                request.response().putHeader("Keep-Alive", "timeout=1").end("short");
            case "/hang-up" -> {
                request.response()
                        .end("then gone")
                        .onComplete(sent -> VERTX.vertx()
                                .setTimer(50, id -> request.connection().close()));
            }
            default -> request.response().end("ok");
        }
    }

    private UpstreamClient client(int maxConnections, Duration keepAlive) {
        UpstreamConfig config = new UpstreamConfig(
                List.of(URI.create("http://127.0.0.1:1")),
                Balance.ROUND_ROBIN,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                maxConnections,
                keepAlive,
                UpstreamProtocol.HTTP1,
                TlsConfig.DEFAULT,
                OutlierConfig.DEFAULT);
        UpstreamClient created = UpstreamClient.create(VERTX.vertx(), "pool-test", config);
        client = created;
        return created;
    }

    /** Sends GET {@code path} from the event loop, reads the answer whole and gives the connection back. */
    private Future<String> exchange(UpstreamClient pool, String path, long connectTimeoutMillis) {
        Endpoint target = java.util.Objects.requireNonNull(endpoint);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(path);
        return pool.request(target, options, connectTimeoutMillis).compose(lease -> {
            lease.request().end();
            return lease.request()
                    .response()
                    .compose(response -> response.body().map(body -> {
                        lease.release(response);
                        return body.toString();
                    }));
        });
    }

    private String call(UpstreamClient pool, String path) {
        return VERTX.await(() -> exchange(pool, path, 2_000));
    }

    @Test
    void sendsRequestsOneAfterAnotherOverOneKeptAliveConnection() {
        UpstreamClient pool = client(128, Duration.ofSeconds(60));

        for (int i = 0; i < 20; i++) {
            assertThat(call(pool, "/item/" + i)).isEqualTo("ok");
        }

        assertThat(connectionsOpened).hasValue(1);
    }

    @Test
    void opensNoMoreThanItsShareOfMaxConnectionsAndQueuesTheRest() {
        // One connection for the whole gateway: each event loop's share is still one.
        UpstreamClient pool = client(1, Duration.ofSeconds(60));

        List<CompletableFuture<String>> calls = List.of(
                VERTX.start(() -> exchange(pool, "/slow", 2_000)),
                VERTX.start(() -> exchange(pool, "/slow", 2_000)),
                VERTX.start(() -> exchange(pool, "/slow", 2_000)));

        assertThat(calls)
                .allSatisfy(call -> assertThat(RunningVertx.waitFor(call)).isEqualTo("slow"));
        assertThat(connectionsOpened).hasValue(1);
    }

    @Test
    void failsAWaitingRequestAfterTheConnectTimeoutWhenNoConnectionComesBack() {
        UpstreamClient pool = client(1, Duration.ofSeconds(60));
        CompletableFuture<String> holder = VERTX.start(() -> exchange(pool, "/slow", 2_000));

        CompletableFuture<String> waiter = VERTX.start(() -> exchange(pool, "/item", 100));

        assertThatThrownBy(() -> RunningVertx.waitFor(waiter))
                .hasRootCauseInstanceOf(UpstreamClient.ConnectionsBusy.class)
                .rootCause()
                .hasMessageContaining("stayed busy for 100 ms");
        assertThat(RunningVertx.waitFor(holder)).isEqualTo("slow");
    }

    @Test
    void neverReusesAConnectionTheUpstreamSaidItWouldClose() {
        UpstreamClient pool = client(128, Duration.ofSeconds(60));

        assertThat(call(pool, "/close")).isEqualTo("bye");
        assertThat(call(pool, "/item")).isEqualTo("ok");

        assertThat(connectionsOpened).hasValue(2);
    }

    @Test
    void replacesAnIdleConnectionTheUpstreamClosedWithoutFailingTheNextRequest() {
        UpstreamClient pool = client(128, Duration.ofSeconds(60));
        assertThat(call(pool, "/hang-up")).isEqualTo("then gone");
        await().atMost(Duration.ofSeconds(5)).until(() -> connectionsOpen.get() == 0);

        assertThat(call(pool, "/item")).isEqualTo("ok");

        assertThat(connectionsOpened).hasValue(2);
    }

    @Test
    void stopsUsingAConnectionBeforeTheKeepAliveTimeoutTheUpstreamAnnounced() throws InterruptedException {
        UpstreamClient pool = client(128, Duration.ofSeconds(60));
        assertThat(call(pool, "/announce")).isEqualTo("short");

        // The upstream keeps it for 1 s; the pool trusts it for 0.9 s.
        Thread.sleep(950);
        assertThat(call(pool, "/item")).isEqualTo("ok");

        assertThat(connectionsOpened).hasValue(2);
    }

    @Test
    void closesIdleConnectionsOnceTheirKeepAliveIsOver() {
        UpstreamClient pool = client(128, Duration.ofSeconds(1));
        assertThat(call(pool, "/item")).isEqualTo("ok");
        assertThat(connectionsOpen).hasValue(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> connectionsOpen.get() == 0);
    }

    @Test
    void closingTheClientClosesItsIdleConnections() throws Exception {
        UpstreamClient pool = client(128, Duration.ofSeconds(60));
        assertThat(call(pool, "/item")).isEqualTo("ok");

        pool.close().await(5, TimeUnit.SECONDS);
        client = null;

        await().atMost(Duration.ofSeconds(5)).until(() -> connectionsOpen.get() == 0);
    }
}
