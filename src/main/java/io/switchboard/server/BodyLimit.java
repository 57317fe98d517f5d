package io.switchboard.server;

import io.switchboard.pipeline.ForwardingReadStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.jspecify.annotations.Nullable;

/**
 * A caller's request body that fails once it grows past the size limit: a chunked body announces no length, so the
 * limit can only be enforced while it streams.
 */
final class BodyLimit extends ForwardingReadStream {
    private final long maxBytes;
    private final Runnable onExceeded;
    private long seen;
    private boolean exceeded;
    private @Nullable Handler<Throwable> exceptionHandler;

    BodyLimit(ReadStream<Buffer> source, long maxBytes, Runnable onExceeded) {
        super(source);
        this.maxBytes = maxBytes;
        this.onExceeded = onExceeded;
    }

    /** Thrown into the pipe when the body is too large. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(@Nullable Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return super.exceptionHandler(handler);
    }

    @Override
    public ReadStream<Buffer> handler(@Nullable Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            if (seen > maxBytes) {
                exceeded = true;
                source.handler(null);
                // The caller is answered 413 first: failing the pipe first let the broken upstream attempt answer
                // (as a 502) before the limit could.
                onExceeded.run();
                Handler<Throwable> failure = exceptionHandler;
                if (failure != null) {
                    failure.handle(new TooLarge(maxBytes));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(@Nullable Handler<Void> endHandler) {
        source.endHandler(
                endHandler == null
                        ? null
                        : end -> {
                            if (!exceeded) {
                                endHandler.handle(null);
                            }
                        });
        return this;
    }
}
