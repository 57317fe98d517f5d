package io.switchboard.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyStoreOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Vert.x HTTP server on {@code 127.0.0.1:0} for the upstream cases the JDK server cannot play: HTTP/2 (h2c with prior
 * knowledge, or TLS with ALPN) and TLS with a given certificate. It answers every request with the HTTP version it
 * heard and records what it received.
 */
final class VertxUpstream implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final HttpServerOptions options;
    private final List<Seen> received = new CopyOnWriteArrayList<>();
    private @Nullable Vertx vertx;
    private int port;

    private VertxUpstream(HttpServerOptions options) {
        this.options = options;
    }

    /** A plain-text server that speaks HTTP/1.1 and h2c (upgrade or prior knowledge). */
    static VertxUpstream plain() {
        return new VertxUpstream(new HttpServerOptions().setHttp2ClearTextEnabled(true));
    }

    /** A TLS server with the certificate; it offers h2 and http/1.1 over ALPN. */
    static VertxUpstream tls(TestCertificate certificate) {
        return new VertxUpstream(new HttpServerOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setKeyCertOptions(new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(certificate.keyStore().toString())
                        .setPassword(certificate.password())));
    }

    /**
     * A request the server received.
     *
     * @param version the HTTP version it arrived in
     * @param method the method name
     * @param uri the request target as received
     * @param authority the host and port the request named ({@code Host} or {@code :authority})
     * @param headers the headers (for HTTP/2, without pseudo-headers)
     * @param body the body as text
     */
    record Seen(HttpVersion version, String method, String uri, String authority, MultiMap headers, String body) {}

    @Override
    public void beforeAll(ExtensionContext context) throws TimeoutException {
        Vertx started = Vertx.vertx();
        vertx = started;
        HttpServer server = started.createHttpServer(options)
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(new Seen(
                            request.version(),
                            request.method().name(),
                            request.uri(),
                            request.authority() == null
                                    ? ""
                                    : request.authority().toString(),
                            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                            body.toString()));
                    request.response()
                            .putHeader("Content-Type", "text/plain")
                            .putHeader("X-Upstream-Version", request.version().name())
                            .end("hello over " + request.version().name());
                }))
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        received.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws TimeoutException {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
            vertx = null;
        }
    }

    /** Returns the port the server listens on. */
    int port() {
        return port;
    }

    /** Returns the requests received since the test started. */
    List<Seen> received() {
        return List.copyOf(received);
    }
}
