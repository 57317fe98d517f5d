package io.switchboard.policy.charset;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A body stream read ahead before anyone is committed to it: either to its end (a small body of known length) or to
 * its first chunk. The policy uses it to find unconvertible text while it can still answer with a problem instead of
 * a broken stream: before the request is sent, and before the response's head goes to the caller.
 *
 * <p>Afterwards it is the stream itself: it plays the chunks read ahead, then hands over to the source, with the
 * reader's back-pressure throughout.
 */
final class Lookahead implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private final Deque<Buffer> held = new ArrayDeque<>();
    private final Promise<Lookahead> ready = Promise.promise();
    private final boolean toEnd;
    private long heldBytes;
    private boolean sourceEnded;
    private @Nullable Throwable sourceFailure;
    private @Nullable Handler<Buffer> handler;
    private @Nullable Handler<Void> endHandler;
    private @Nullable Handler<Throwable> exceptionHandler;
    private long demand;
    private boolean handedOver;
    private boolean finished;
    private boolean draining;

    private Lookahead(ReadStream<Buffer> source, boolean toEnd) {
        this.source = source;
        this.toEnd = toEnd;
    }

    /**
     * Reads {@code source} (paused) ahead, to its end when {@code toEnd}, else to its first chunk (or its end if that
     * comes first), and returns the stream once that is done. The future fails with the source's failure.
     */
    static Future<Lookahead> read(ReadStream<Buffer> source, boolean toEnd) {
        Lookahead lookahead = new Lookahead(source, toEnd);
        lookahead.start();
        return lookahead.ready.future();
    }

    /** Returns whether the whole body has been read ahead, so its length is {@link #heldBytes()}. */
    boolean isComplete() {
        return sourceEnded;
    }

    /** Returns how many bytes are held. */
    long heldBytes() {
        return heldBytes;
    }

    /** Returns the whole body when {@link #isComplete()}, as one buffer. */
    Buffer content() {
        if (!sourceEnded) {
            throw new IllegalStateException("the body was read ahead only in part");
        }
        Buffer all = Buffer.buffer((int) heldBytes);
        for (Buffer chunk : held) {
            all.appendBuffer(chunk);
        }
        return all;
    }

    private void start() {
        source.exceptionHandler(cause -> {
            if (!ready.tryFail(cause)) {
                sourceFailure = cause;
                drain();
            }
        });
        source.endHandler(ignored -> {
            sourceEnded = true;
            if (!ready.tryComplete(this)) {
                drain();
            }
        });
        source.handler(chunk -> {
            held.add(chunk);
            heldBytes += chunk.length();
            if (ready.future().isComplete()) {
                return;
            }
            if (toEnd) {
                source.fetch(1);
            } else {
                ready.tryComplete(this);
            }
        });
        source.fetch(1);
    }

    @Override
    public Lookahead exceptionHandler(@Nullable Handler<Throwable> exceptions) {
        this.exceptionHandler = exceptions;
        if (handedOver) {
            source.exceptionHandler(exceptions);
        }
        return this;
    }

    @Override
    public Lookahead handler(@Nullable Handler<Buffer> chunks) {
        this.handler = chunks;
        if (handedOver) {
            source.handler(chunks);
        } else {
            drain();
        }
        return this;
    }

    @Override
    public Lookahead endHandler(@Nullable Handler<Void> end) {
        this.endHandler = end;
        if (handedOver) {
            source.endHandler(end);
        } else {
            drain();
        }
        return this;
    }

    @Override
    public Lookahead pause() {
        demand = 0;
        if (handedOver) {
            source.pause();
        }
        return this;
    }

    @Override
    public Lookahead resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public Lookahead fetch(long amount) {
        if (amount <= 0) {
            return this;
        }
        if (handedOver) {
            source.fetch(amount);
            return this;
        }
        demand = Long.MAX_VALUE - demand <= amount ? Long.MAX_VALUE : demand + amount;
        drain();
        return this;
    }

    /** Plays held chunks while the reader wants them; then ends, fails, or hands the reading over to the source. */
    private void drain() {
        if (draining || handedOver || finished || !ready.future().isComplete()) {
            return;
        }
        draining = true;
        try {
            while (demand > 0 && !held.isEmpty()) {
                Handler<Buffer> chunks = handler;
                if (chunks == null) {
                    return;
                }
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                chunks.handle(held.poll());
            }
            if (!held.isEmpty()) {
                return;
            }
            Throwable failure = sourceFailure;
            if (failure != null) {
                Handler<Throwable> exceptions = exceptionHandler;
                if (exceptions != null) {
                    finished = true;
                    exceptions.handle(failure);
                }
            } else if (sourceEnded) {
                Handler<Void> end = endHandler;
                if (end != null) {
                    finished = true;
                    end.handle(null);
                }
            } else if (demand > 0 && handler != null) {
                handOver();
            }
        } finally {
            draining = false;
        }
    }

    private void handOver() {
        handedOver = true;
        source.handler(handler);
        source.endHandler(endHandler);
        source.exceptionHandler(exceptionHandler);
        if (demand == Long.MAX_VALUE) {
            source.resume();
        } else {
            source.fetch(demand);
        }
    }
}
