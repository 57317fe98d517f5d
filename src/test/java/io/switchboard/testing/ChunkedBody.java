package io.switchboard.testing;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A caller's request body as a paused {@link ReadStream} that plays its bytes in chunks on one event loop, honouring
 * pause, resume and fetch as the server's request stream does, so a test can stream a body without a caller.
 */
public final class ChunkedBody implements ReadStream<Buffer> {
    private final Context context;
    private final Deque<Buffer> chunks = new ArrayDeque<>();
    private final int size;
    private long demand;
    private boolean ended;
    private boolean scheduled;
    private @Nullable Handler<Buffer> handler;
    private @Nullable Handler<Void> endHandler;

    private ChunkedBody(Context context, byte[] content, int chunkSize) {
        this.context = context;
        this.size = content.length;
        for (int at = 0; at < content.length; at += chunkSize) {
            chunks.add(Buffer.buffer().appendBytes(content, at, Math.min(chunkSize, content.length - at)));
        }
    }

    /** Returns a paused stream of {@code text} in UTF-8, in chunks of 1 KiB, delivered on {@code context}. */
    public static ChunkedBody of(Context context, String text) {
        return new ChunkedBody(context, text.getBytes(StandardCharsets.UTF_8), 1024);
    }

    /** Returns the number of bytes this stream plays in all. */
    public int size() {
        return size;
    }

    @Override
    public ChunkedBody exceptionHandler(@Nullable Handler<Throwable> exceptions) {
        return this;
    }

    @Override
    public ChunkedBody handler(@Nullable Handler<Buffer> chunkHandler) {
        this.handler = chunkHandler;
        schedule();
        return this;
    }

    @Override
    public ChunkedBody pause() {
        demand = 0;
        return this;
    }

    @Override
    public ChunkedBody resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ChunkedBody fetch(long amount) {
        demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
        schedule();
        return this;
    }

    @Override
    public ChunkedBody endHandler(@Nullable Handler<Void> end) {
        this.endHandler = end;
        schedule();
        return this;
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            context.runOnContext(ignored -> play());
        }
    }

    private void play() {
        scheduled = false;
        while (demand > 0 && handler != null && !chunks.isEmpty()) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Handler<Buffer> current = handler;
            current.handle(chunks.poll());
        }
        Handler<Void> end = endHandler;
        if (chunks.isEmpty() && !ended && demand > 0 && end != null) {
            ended = true;
            end.handle(null);
        }
    }
}
