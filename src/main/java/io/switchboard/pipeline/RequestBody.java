package io.switchboard.pipeline;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The caller's request body as it travels through the pipeline: none, held in memory (replayable), or a stream that can
 * be sent once.
 */
public sealed interface RequestBody {

    /** Returns whether this body can be sent again after a first attempt consumed it. */
    boolean isReplayable();

    /** Returns the body's length in bytes, or -1 when it is unknown (chunked). */
    long length();

    /** No body. */
    record Empty() implements RequestBody {
        @Override
        public boolean isReplayable() {
            return true;
        }

        @Override
        public long length() {
            return 0;
        }
    }

    /** A body held in memory, small enough to be sent again on retry. */
    record Buffered(Buffer content) implements RequestBody {
        @Override
        public boolean isReplayable() {
            return true;
        }

        @Override
        public long length() {
            return content.length();
        }
    }

    /**
     * A body that streams from the caller to the upstream with back-pressure and can be sent only once. Until an
     * attempt starts reading it, it is untouched, so an attempt that failed to connect can still be retried.
     */
    final class Streamed implements RequestBody {
        private final ReadStream<Buffer> source;
        private final long length;
        private boolean taken;

        /** Wraps a paused stream of {@code length} bytes (-1 when chunked). */
        public Streamed(ReadStream<Buffer> source, long length) {
            this.source = source;
            this.length = length;
        }

        /** Returns the stream for sending and marks this body used. Throws when it was already taken. */
        public ReadStream<Buffer> take() {
            if (taken) {
                throw new IllegalStateException("a streamed request body can be sent only once");
            }
            taken = true;
            return source;
        }

        /** Returns whether an attempt has started reading this body. */
        public boolean isTaken() {
            return taken;
        }

        /** Returns the stream without taking it, for stages that wrap it (charset conversion). */
        public ReadStream<Buffer> source() {
            return source;
        }

        @Override
        public boolean isReplayable() {
            return !taken;
        }

        @Override
        public long length() {
            return length;
        }
    }
}
