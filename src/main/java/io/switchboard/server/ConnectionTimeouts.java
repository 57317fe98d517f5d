package io.switchboard.server;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.config.ServerLimits;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * How long a caller's connection may stay silent: until its first request head is in, the request-read timeout; after
 * that, the idle timeout.
 *
 * <p>Vert.x offers no hook before a connection's first request head is decoded: with h2c enabled the connection
 * handler runs only once that head is in, so a timer started there cannot cut off a slow-loris caller. Its idle
 * handler, though, sits behind the HTTP decoder and counts only decoded messages as activity, so bytes of an unfinished
 * head do not keep it alive. The listener therefore starts every connection with the idle timeout set to the shorter
 * request-read timeout, and this class raises it to the real idle timeout once the connection has delivered its first
 * request head (HTTP/1) or its preface (HTTP/2). Later heads on a kept-alive connection are bounded by the idle
 * timeout, for the same reason.
 */
final class ConnectionTimeouts {
    /** The name Vert.x gives its idle handler in a connection's pipeline. */
    private static final String IDLE_HANDLER = "idle";

    private ConnectionTimeouts() {}

    /** Returns the idle timeout a new connection starts with, in milliseconds. */
    static long firstHeadMillis(ServerLimits limits) {
        return Math.max(
                1,
                Math.min(
                        limits.requestReadTimeout().toMillis(),
                        limits.idleTimeout().toMillis()));
    }

    /** Gives a connection whose first request head has arrived its real idle timeout. */
    static void afterFirstHead(HttpConnection connection, ServerLimits limits) {
        long idleMillis = Math.max(1, limits.idleTimeout().toMillis());
        if (idleMillis == firstHeadMillis(limits) || !(connection instanceof ConnectionBase base)) {
            return;
        }
        // Vert.x's own IdleStateHandler in the pipeline is swapped for one with the longer timeout; its events still
        // reach Vert.x's handler, which closes the connection.
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(IDLE_HANDLER) != null) {
            pipeline.replace(IDLE_HANDLER, IDLE_HANDLER, new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        }
    }
}
