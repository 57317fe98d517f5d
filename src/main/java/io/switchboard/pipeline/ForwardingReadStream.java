package io.switchboard.pipeline;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.jspecify.annotations.Nullable;

/**
 * A body stream that watches the chunks of another on their way through; pausing, fetching, errors and the end go
 * straight to the source, so back-pressure is the source's own. Subclasses decide what {@link #handler} does with
 * each chunk.
 */
public abstract class ForwardingReadStream implements ReadStream<Buffer> {
    /** The stream whose chunks pass through. */
    protected final ReadStream<Buffer> source;

    protected ForwardingReadStream(ReadStream<Buffer> source) {
        this.source = source;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(@Nullable Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(@Nullable Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
