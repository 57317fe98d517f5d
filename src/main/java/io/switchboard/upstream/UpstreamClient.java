package io.switchboard.upstream;

import io.switchboard.config.UpstreamConfig;
import io.switchboard.config.UpstreamProtocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A connector's client to its upstream endpoints.
 *
 * <p>HTTP/1.1 connections are pooled here, per event loop and per endpoint: a request takes the connection its own
 * event loop gave back last (so few connections stay warm) and gives it back when its exchange is over. Vert.x's shared
 * pool does the same job for any thread, but pays for that on every request: a new context, a lease through a locked
 * pool and a scan of every pooled connection for the most recently used one. Owning the pool per event loop needs none
 * of it: nothing here is shared between threads but the closed flag. HTTP/2 multiplexes its streams over one or two
 * connections and keeps Vert.x's pool; so does a call made off an event loop.
 *
 * <p>{@code max-connections} is split evenly between the event loops, each keeping its share; a request that finds its
 * loop's share busy waits for a connection to come back, up to the connect timeout.
 */
public final class UpstreamClient {
    /** Idle connections past their keep-alive are looked for this often, at most. */
    private static final long MAX_SWEEP_MILLIS = 15_000;

    private final HttpClientAgent agent;
    private final boolean poolsPerLoop;
    private final int maxPerLoop;
    private final long keepAliveNanos;
    private final long sweepMillis;
    private final Map<Thread, LoopPools> loops = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private UpstreamClient(HttpClientAgent agent, UpstreamConfig config, int eventLoops) {
        this.agent = agent;
        this.poolsPerLoop = config.protocol() != UpstreamProtocol.HTTP2;
        this.maxPerLoop = Math.max(1, (config.maxConnections() + eventLoops - 1) / eventLoops);
        long keepAliveMillis = Math.max(1_000, config.keepAlive().toMillis());
        this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveMillis);
        this.sweepMillis = Math.min(MAX_SWEEP_MILLIS, Math.max(1_000, keepAliveMillis / 4));
    }

    /** Returns a client with the connector's keep-alive, timeouts, protocol and TLS trust. */
    public static UpstreamClient create(Vertx vertx, String connector, UpstreamConfig config) {
        return new UpstreamClient(VertxAgents.create(vertx, connector, config), config, eventLoops(vertx));
    }

    private static int eventLoops(Vertx vertx) {
        int count = 0;
        for (Iterator<?> loops = ((VertxInternal) vertx).nettyEventLoopGroup().iterator();
                loops.hasNext();
                loops.next()) {
            count++;
        }
        return Math.max(1, count);
    }

    /**
     * Starts a request to {@code endpoint}: the lease holds its connection until {@link Lease#release} or
     * {@link Lease#discard} gives it back.
     *
     * @param options the request (method, URI, headers; host, port and TLS are the endpoint's)
     * @param connectTimeoutMillis how long to wait for a new connection, or for a busy one to come back
     */
    public Future<Lease> request(Endpoint endpoint, RequestOptions options, long connectTimeoutMillis) {
        if (poolsPerLoop && !closed) {
            Context context = Vertx.currentContext();
            if (context != null && context.isEventLoopContext() && Context.isOnEventLoopThread()) {
                return loopPools(context).of(endpoint).lease(options, connectTimeoutMillis);
            }
        }
        return agent.request(options.setConnectTimeout(connectTimeoutMillis)).map(Lease::new);
    }

    private LoopPools loopPools(Context context) {
        Thread thread = Thread.currentThread();
        LoopPools pools = loops.get(thread);
        if (pools == null) {
            pools = new LoopPools(context);
            loops.put(thread, pools);
            if (closed) {
                // close() ran on another thread while this loop was making its pools: it may not have seen them.
                pools.close();
            }
        }
        return pools;
    }

    /** Closes every pooled connection now (in-flight exchanges on them are cut) and the shared client. */
    public Future<Void> close() {
        closed = true;
        List<Future<Void>> done = new ArrayList<>();
        for (LoopPools pools : loops.values()) {
            Promise<Void> closedHere = Promise.promise();
            pools.context.runOnContext(ignored -> {
                pools.close();
                closedHere.complete();
            });
            done.add(closedHere.future());
        }
        done.add(agent.close());
        return Future.join(done).mapEmpty();
    }

    /** A request waited for a pooled connection longer than its connect timeout: every one was busy. */
    public static final class ConnectionsBusy extends TimeoutException {
        private static final long serialVersionUID = 1L;

        ConnectionsBusy(String message) {
            super(message);
        }
    }

    /** One request's hold on an upstream connection. */
    public static final class Lease {
        private final HttpClientRequest request;
        private final @Nullable EndpointPool pool;
        private final @Nullable Pooled connection;
        private boolean over;

        private Lease(HttpClientRequest request) {
            this(request, null, null);
        }

        private Lease(HttpClientRequest request, @Nullable EndpointPool pool, @Nullable Pooled connection) {
            this.request = request;
            this.pool = pool;
            this.connection = connection;
        }

        public HttpClientRequest request() {
            return request;
        }

        /** Gives the connection back for the next request: the request was sent whole and the response read to its end. */
        public void release(HttpClientResponse response) {
            if (!over && pool != null && connection != null) {
                over = true;
                pool.release(connection, response);
            }
        }

        /** Closes the connection: the exchange on it broke off, so what is left on the wire cannot be trusted. */
        public void discard() {
            if (!over && pool != null && connection != null) {
                over = true;
                pool.retire(connection);
            }
        }
    }

    /** A pooled connection and its state in the pool. */
    private static final class Pooled {
        final HttpClientConnection connection;
        long expiresAtNanos;
        boolean idle;
        boolean gone;

        Pooled(HttpClientConnection connection) {
            this.connection = connection;
        }
    }

    /** A request waiting for a connection. */
    private static final class Wanted {
        final RequestOptions options;
        final long connectTimeoutMillis;
        final Promise<Lease> lease = Promise.promise();
        long timer = -1;

        Wanted(RequestOptions options, long connectTimeoutMillis) {
            this.options = options;
            this.connectTimeoutMillis = connectTimeoutMillis;
        }
    }

    /** The pools of one event loop; only that loop's thread touches them. */
    private final class LoopPools {
        final Context context;
        final IdentityHashMap<Endpoint, EndpointPool> byEndpoint = new IdentityHashMap<>();
        final long sweeper;

        LoopPools(Context context) {
            this.context = context;
            this.sweeper = context.owner().setPeriodic(sweepMillis, id -> sweep());
        }

        EndpointPool of(Endpoint endpoint) {
            EndpointPool pool = byEndpoint.get(endpoint);
            if (pool == null) {
                pool = new EndpointPool(endpoint, context);
                byEndpoint.put(endpoint, pool);
            }
            return pool;
        }

        void sweep() {
            long now = System.nanoTime();
            for (EndpointPool pool : byEndpoint.values()) {
                pool.retireExpired(now);
            }
        }

        void close() {
            context.owner().cancelTimer(sweeper);
            for (EndpointPool pool : byEndpoint.values()) {
                pool.close();
            }
        }
    }

    /** One event loop's connections to one endpoint. */
    private final class EndpointPool {
        private final Endpoint endpoint;
        private final Context context;
        /** Most recently given back first. */
        private final ArrayDeque<Pooled> idle = new ArrayDeque<>();

        private final ArrayDeque<Wanted> waiting = new ArrayDeque<>();
        /** Connections open or opening. */
        private int open;

        EndpointPool(Endpoint endpoint, Context context) {
            this.endpoint = endpoint;
            this.context = context;
        }

        Future<Lease> lease(RequestOptions options, long connectTimeoutMillis) {
            Wanted wanted = new Wanted(options, connectTimeoutMillis);
            serve(wanted);
            return wanted.lease.future();
        }

        private void serve(Wanted wanted) {
            Pooled connection = takeIdle();
            if (connection != null) {
                send(connection, wanted, false);
            } else if (open < maxPerLoop) {
                connect(wanted);
            } else {
                wanted.timer = context.owner().setTimer(wanted.connectTimeoutMillis, id -> {
                    if (waiting.remove(wanted)) {
                        wanted.lease.tryFail(new ConnectionsBusy("all " + maxPerLoop + " connections of this event"
                                + " loop (its share of max-connections) stayed busy for "
                                + wanted.connectTimeoutMillis + " ms"));
                    }
                });
                waiting.add(wanted);
            }
        }

        private @Nullable Pooled takeIdle() {
            long now = System.nanoTime();
            Pooled connection;
            while ((connection = idle.pollFirst()) != null) {
                connection.idle = false;
                if (now - connection.expiresAtNanos < 0) {
                    return connection;
                }
                retire(connection);
            }
            return null;
        }

        private void connect(Wanted wanted) {
            open++;
            HttpConnectOptions options = new HttpConnectOptions()
                    .setHost(endpoint.host())
                    .setPort(endpoint.port())
                    .setSsl(endpoint.isTls())
                    .setConnectTimeout(wanted.connectTimeoutMillis);
            agent.connect(options).onComplete(connected -> {
                if (connected.failed()) {
                    open--;
                    wanted.lease.tryFail(connected.cause());
                    serveNextWaiting();
                    return;
                }
                Pooled connection = new Pooled(connected.result());
                connection.connection.closeHandler(ignored -> closedByPeer(connection));
                send(connection, wanted, true);
            });
        }

        private void send(Pooled connection, Wanted wanted, boolean fresh) {
            connection.connection.request(wanted.options).onComplete(created -> {
                if (created.succeeded()) {
                    wanted.lease.complete(new Lease(created.result(), this, connection));
                    return;
                }
                retire(connection);
                if (fresh || closed) {
                    wanted.lease.tryFail(created.cause());
                } else {
                    // A kept-alive connection the upstream closed meanwhile: nothing was sent on it, so another
                    // connection is as good.
                    serve(wanted);
                }
            });
        }

        void release(Pooled connection, HttpClientResponse response) {
            if (connection.gone) {
                return;
            }
            long keepFor = KeepAlive.nanosToKeep(response, keepAliveNanos);
            if (closed || keepFor <= 0) {
                retire(connection);
                return;
            }
            connection.expiresAtNanos = System.nanoTime() + keepFor;
            Wanted next = waiting.poll();
            if (next != null) {
                context.owner().cancelTimer(next.timer);
                send(connection, next, false);
                return;
            }
            connection.idle = true;
            idle.addFirst(connection);
        }

        /** Closes a connection and frees its place. */
        void retire(Pooled connection) {
            if (forget(connection)) {
                connection.connection.close();
            }
        }

        private void closedByPeer(Pooled connection) {
            forget(connection);
        }

        private boolean forget(Pooled connection) {
            if (connection.gone) {
                return false;
            }
            connection.gone = true;
            open--;
            if (connection.idle) {
                connection.idle = false;
                idle.remove(connection);
            }
            serveNextWaiting();
            return true;
        }

        private void serveNextWaiting() {
            if (open < maxPerLoop && !closed) {
                Wanted next = waiting.poll();
                if (next != null) {
                    context.owner().cancelTimer(next.timer);
                    connect(next);
                }
            }
        }

        void retireExpired(long now) {
            // The oldest are at the tail; stop at the first one still fresh.
            Pooled oldest;
            while ((oldest = idle.peekLast()) != null && now - oldest.expiresAtNanos >= 0) {
                retire(oldest);
            }
        }

        void close() {
            for (Pooled connection : new ArrayList<>(idle)) {
                retire(connection);
            }
            Wanted wanted;
            while ((wanted = waiting.poll()) != null) {
                context.owner().cancelTimer(wanted.timer);
                wanted.lease.tryFail(
                        "the connector's upstream client was closed (config reloaded or gateway stopping)");
            }
        }
    }
}
