package io.switchboard.journal;

import io.switchboard.pipeline.ForwardingReadStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.jspecify.annotations.Nullable;

/**
 * A body stream passed on unchanged, of which the first bytes up to a limit are copied aside for the journal; the rest
 * is only counted. Back-pressure, pausing and the end go straight to the source.
 */
final class BodyTap extends ForwardingReadStream {
    private final int limit;
    private @Nullable Buffer kept;
    private long seen;

    BodyTap(ReadStream<Buffer> source, int limit) {
        super(source);
        this.limit = limit;
    }

    /** Returns how many bytes passed through. */
    long seen() {
        return seen;
    }

    /** Returns whether more passed than was kept. */
    boolean truncated() {
        return seen > limit;
    }

    /** Returns the bytes kept: the first {@code limit} bytes at most. */
    byte[] kept() {
        Buffer buffer = kept;
        return buffer == null ? new byte[0] : buffer.getBytes();
    }

    private void copy(Buffer chunk) {
        int length = chunk.length();
        long room = limit - seen;
        seen += length;
        if (room <= 0) {
            return;
        }
        Buffer buffer = kept;
        if (buffer == null) {
            buffer = Buffer.buffer(Math.min(limit, Math.max(length, 256)));
            kept = buffer;
        }
        if (length <= room) {
            buffer.appendBuffer(chunk);
        } else {
            buffer.appendBuffer(chunk, 0, (int) room);
        }
    }

    @Override
    public ReadStream<Buffer> handler(@Nullable Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
        } else {
            source.handler(chunk -> {
                copy(chunk);
                handler.handle(chunk);
            });
        }
        return this;
    }
}
