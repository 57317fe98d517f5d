package io.switchboard.policy.charset;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.jspecify.annotations.Nullable;

/**
 * A body stream converted as it flows: each chunk of the source goes through a {@link Transcoder} on its way to the
 * reader, with the reader's back-pressure passed straight to the source.
 *
 * <p>One source chunk gives at most one converted chunk. A chunk that converts to nothing (it held only the first
 * bytes of a character) is not passed on as an empty buffer; one more chunk is fetched instead, so the reader's demand
 * is still met. Bytes left at the end are converted when the source ends and passed on only while the reader wants
 * more. When the text cannot be converted, the stream stops reading the source and fails with an {@link
 * UnconvertibleTextException}; nothing converted wrongly is ever passed on.
 */
final class TranscodingStream implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private final Transcoder transcoder;
    private @Nullable Handler<Buffer> handler;
    private @Nullable Handler<Void> endHandler;
    private @Nullable Handler<Throwable> exceptionHandler;
    /** Chunks the reader still wants: 0 while paused, {@link Long#MAX_VALUE} while flowing. */
    private long demand;

    private @Nullable Buffer pendingTail;
    private boolean sourceEnded;
    private boolean ended;
    private @Nullable UnconvertibleTextException failure;

    /** Wraps {@code source}, which must be paused, as the server's and client's streams are when they reach a policy. */
    TranscodingStream(ReadStream<Buffer> source, Transcoder transcoder) {
        this.source = source;
        this.transcoder = transcoder;
    }

    /** Returns why the conversion failed, or null while it has not. */
    @Nullable
    UnconvertibleTextException failure() {
        return failure;
    }

    @Override
    public TranscodingStream exceptionHandler(@Nullable Handler<Throwable> exceptions) {
        this.exceptionHandler = exceptions;
        // The source's own failures (a caller that went away, a body over the limit) reach the reader unchanged.
        source.exceptionHandler(exceptions);
        return this;
    }

    @Override
    public TranscodingStream handler(@Nullable Handler<Buffer> chunks) {
        this.handler = chunks;
        source.handler(chunks == null ? null : this::onChunk);
        return this;
    }

    @Override
    public TranscodingStream endHandler(@Nullable Handler<Void> end) {
        this.endHandler = end;
        source.endHandler(end == null ? null : ignored -> onSourceEnd());
        return this;
    }

    @Override
    public TranscodingStream pause() {
        demand = 0;
        source.pause();
        return this;
    }

    @Override
    public TranscodingStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public TranscodingStream fetch(long amount) {
        if (amount <= 0) {
            return this;
        }
        demand = Long.MAX_VALUE - demand <= amount ? Long.MAX_VALUE : demand + amount;
        if (sourceEnded) {
            deliverTail();
        } else {
            source.fetch(amount);
        }
        return this;
    }

    private void onChunk(Buffer chunk) {
        if (failure != null || ended) {
            return;
        }
        Buffer converted;
        try {
            converted = transcoder.convert(chunk);
        } catch (UnconvertibleTextException e) {
            fail(e);
            return;
        }
        if (converted.length() == 0) {
            // The chunk was only the start of a character: the reader's demand is unmet, so ask for the next one.
            source.fetch(1);
            return;
        }
        emit(converted);
    }

    private void onSourceEnd() {
        if (failure != null || ended) {
            return;
        }
        sourceEnded = true;
        try {
            pendingTail = transcoder.finish();
        } catch (UnconvertibleTextException e) {
            fail(e);
            return;
        }
        deliverTail();
    }

    private void deliverTail() {
        if (ended || failure != null) {
            return;
        }
        Buffer tail = pendingTail;
        if (tail != null && tail.length() > 0) {
            if (demand == 0) {
                return;
            }
            pendingTail = null;
            emit(tail);
        }
        pendingTail = null;
        ended = true;
        Handler<Void> end = endHandler;
        if (end != null) {
            end.handle(null);
        }
    }

    private void emit(Buffer converted) {
        if (demand != Long.MAX_VALUE && demand > 0) {
            demand--;
        }
        Handler<Buffer> chunks = handler;
        if (chunks != null) {
            chunks.handle(converted);
        }
    }

    private void fail(UnconvertibleTextException e) {
        failure = e;
        // Nothing more is read: the rest of the body cannot make the bad part good.
        source.pause();
        Handler<Throwable> exceptions = exceptionHandler;
        if (exceptions != null) {
            exceptions.handle(e);
        }
    }
}
