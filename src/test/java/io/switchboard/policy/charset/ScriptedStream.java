package io.switchboard.policy.charset;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A paused body stream of given chunks, delivered synchronously as demand allows (as Vert.x's own inbound buffers do),
 * that counts what it was asked for, so a test can check back-pressure; it can fail instead of ending.
 */
final class ScriptedStream implements ReadStream<Buffer> {
    private final Deque<Buffer> chunks = new ArrayDeque<>();
    private final @Nullable Throwable failure;
    private boolean endsEagerly;
    private @Nullable Handler<Buffer> handler;
    private @Nullable Handler<Void> endHandler;
    private @Nullable Handler<Throwable> exceptionHandler;
    private long demand;
    private int delivered;
    private boolean done;
    private boolean delivering;

    private ScriptedStream(List<byte[]> parts, @Nullable Throwable failure) {
        for (byte[] part : parts) {
            chunks.add(Buffer.buffer(part));
        }
        this.failure = failure;
    }

    /** Returns a paused stream of these chunks, then the end. */
    static ScriptedStream of(List<byte[]> parts) {
        return new ScriptedStream(parts, null);
    }

    /** Returns a paused stream of these chunks, then {@code failure}. */
    static ScriptedStream failingAfter(List<byte[]> parts, Throwable failure) {
        return new ScriptedStream(parts, failure);
    }

    /** Makes the stream deliver its end as soon as its chunks are gone, even while paused; returns this. */
    ScriptedStream endingEagerly() {
        endsEagerly = true;
        return this;
    }

    /** Returns how many chunks were delivered so far. */
    int delivered() {
        return delivered;
    }

    /** Returns whether every chunk has been delivered and the end (or failure) too. */
    boolean isDone() {
        return done;
    }

    /** Returns the chunks the reader may still get without asking: 0 when paused. */
    long demand() {
        return demand;
    }

    @Override
    public ScriptedStream exceptionHandler(@Nullable Handler<Throwable> exceptions) {
        this.exceptionHandler = exceptions;
        return this;
    }

    @Override
    public ScriptedStream handler(@Nullable Handler<Buffer> chunkHandler) {
        this.handler = chunkHandler;
        return this;
    }

    @Override
    public ScriptedStream pause() {
        demand = 0;
        return this;
    }

    @Override
    public ScriptedStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ScriptedStream fetch(long amount) {
        demand = Long.MAX_VALUE - demand <= amount ? Long.MAX_VALUE : demand + amount;
        play();
        return this;
    }

    @Override
    public ScriptedStream endHandler(@Nullable Handler<Void> end) {
        this.endHandler = end;
        return this;
    }

    private void play() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (demand > 0 && handler != null && !chunks.isEmpty()) {
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                delivered++;
                Handler<Buffer> current = handler;
                current.handle(chunks.poll());
            }
            if (chunks.isEmpty() && !done && (demand > 0 || endsEagerly)) {
                done = true;
                if (failure != null) {
                    Handler<Throwable> exceptions = exceptionHandler;
                    if (exceptions != null) {
                        exceptions.handle(failure);
                    }
                } else {
                    Handler<Void> end = endHandler;
                    if (end != null) {
                        end.handle(null);
                    }
                }
            }
        } finally {
            delivering = false;
        }
    }
}
