package io.switchboard.server;

import io.netty.handler.codec.TooLongFrameException;
import io.switchboard.config.HostPort;
import io.switchboard.config.ServerLimits;
import io.switchboard.journal.Journal;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.switchboard.runtime.CapabilityRouter;
import io.switchboard.runtime.LiveRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy listener: one HTTP server per event loop on the same port (HTTP/1.1 and h2c), each handing requests to
 * the same {@link ProxyHandler}.
 */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Vertx vertx;
    private final LiveRuntime runtime;
    private final ServerLimits limits;
    private final RandomGenerator random;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final AtomicInteger port = new AtomicInteger();
    private final @Nullable CapabilityRouter router;
    private @Nullable Journal journal;

    /** Creates the listener; nothing is bound until {@link #start}. Calls to capabilities are answered 404. */
    public ProxyServer(Vertx vertx, LiveRuntime runtime, ServerLimits limits, RandomGenerator random) {
        this(vertx, runtime, limits, random, null);
    }

    /** Creates the listener, with {@code router} sending calls to {@code /~{capability}/} to a provider. */
    public ProxyServer(
            Vertx vertx,
            LiveRuntime runtime,
            ServerLimits limits,
            RandomGenerator random,
            @Nullable CapabilityRouter router) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.limits = limits;
        this.random = random;
        this.router = router;
    }

    /** Writes every proxied exchange down in {@code exchanges} (when the journal is on); call before {@link #start}. */
    public ProxyServer withJournal(Journal exchanges) {
        this.journal = exchanges;
        return this;
    }

    /** Binds the listener on {@code instances} event loops; completes with the bound port. */
    public Future<Integer> start(HostPort listen, int instances) {
        ProxyHandler handler = new ProxyHandler(vertx, runtime, limits, random, "http", router, journal);
        // Servers of one Vert.x instance share a listening socket only when they ask for the same port. Port 0 gives
        // each server a port of its own, so "any port" is asked for as -1: Vert.x binds one random port and shares it
        // among all servers that ask for -1. Binding the others to the first one's actual port fails with "address
        // already in use", because Vert.x keys the shared socket by the port that was asked for.
        int bindPort = listen.port() == 0 ? -1 : listen.port();
        return vertx.deployVerticle(
                        () -> new Listener(handler, listen.host(), bindPort),
                        new DeploymentOptions().setInstances(instances))
                .map(ignored -> port.get());
    }

    /** Returns the bound port. */
    public int port() {
        return port.get();
    }

    /**
     * Stops accepting connections and lets calls in flight finish for up to {@code drain}; then closes what is left.
     */
    public Future<Void> shutdown(Duration drain) {
        List<Future<Void>> stopping = servers.stream()
                .map(server -> server.shutdown(Math.max(1, drain.toMillis()), TimeUnit.MILLISECONDS))
                .toList();
        return Future.join(stopping).mapEmpty();
    }

    private HttpServerOptions options(String host, int bindPort) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(bindPort)
                .setMaxHeaderSize(limits.maxHeaderSize().toIntCapped())
                // The request line holds the method and version around the URI; the URI's own limit is checked
                // exactly by RequestGuard, this one only stops absurd lines early.
                .setMaxInitialLineLength(limits.maxUriLength() + 64)
                // Until a connection's first request head is in, its idle timer is the request-read timeout; see
                // ConnectionTimeouts.
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, ConnectionTimeouts.firstHeadMillis(limits)))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                .setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(true)
                // HTTP/2 callers get the same header size limit: Vert.x's default list size (8 KiB) ignores the config.
                .setInitialSettings(new Http2Settings()
                        .setMaxHeaderListSize(limits.maxHeaderSize().bytes()));
    }

    /** Returns the problem for a request Netty could not decode (line or headers too long, malformed framing). */
    private static Problem malformed(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        if (cause instanceof TooLongFrameException tooLong
                && tooLong.getMessage() != null
                && tooLong.getMessage().toLowerCase(java.util.Locale.ROOT).contains("header")) {
            problem = Problem.of(ErrorKind.HEADERS_TOO_LARGE, "the request headers exceed the configured size limit");
        } else if (cause instanceof TooLongFrameException) {
            problem = Problem.of(ErrorKind.URI_TOO_LONG, "the request line exceeds the configured URI length limit");
        } else {
            problem = Problem.of(ErrorKind.BAD_REQUEST, "malformed HTTP request: " + describe(cause));
        }
        return problem;
    }

    private static String describe(@org.jspecify.annotations.Nullable Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "unreadable request";
        }
        // Netty's messages can quote the offending bytes; keep the answer short and printable.
        String message = cause.getMessage().replaceAll("[^\\x20-\\x7e]", "?");
        return message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }

    /** One event loop's server. */
    private final class Listener extends VerticleBase {
        private final ProxyHandler handler;
        private final String host;
        private final int bindPort;

        Listener(ProxyHandler handler, String host, int bindPort) {
            this.handler = handler;
            this.host = host;
            this.bindPort = bindPort;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(options(host, bindPort))
                    .requestHandler(handler)
                    // What Netty could not decode is answered like any other refusal, and the connection closed.
                    .invalidRequestHandler(request -> handler.refuse(request, malformed(request), null, true))
                    .connectionHandler(connection -> ConnectionTimeouts.afterFirstHead(connection, limits));
            return server.listen().onSuccess(bound -> {
                servers.add(bound);
                // The servers bind on several event loops at once; the first to finish reports the shared port.
                if (port.compareAndSet(0, bound.actualPort())) {
                    LOG.info("proxy listening on {}:{}", host, bound.actualPort());
                }
            });
        }
    }
}
