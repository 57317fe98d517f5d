package io.switchboard.policy.charset;

import io.switchboard.pipeline.ContentType;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;

/**
 * A converter of one body from one charset to another, fed chunk by chunk; it keeps the bytes of a character split
 * between chunks until the rest arrives. One instance serves one body, on one thread.
 */
interface Transcoder {

    /**
     * Returns the converted bytes of everything complete so far in {@code chunk} (possibly none).
     *
     * @throws UnconvertibleTextException when the bytes are not valid or a character cannot be represented
     */
    Buffer convert(Buffer chunk);

    /**
     * Returns the last converted bytes once the body has ended.
     *
     * @throws UnconvertibleTextException when the body ended in the middle of a character
     */
    Buffer finish();

    /** Converts a whole body held in memory. */
    default Buffer convertAll(Buffer body) {
        Buffer converted = convert(body);
        Buffer tail = finish();
        return tail.length() == 0 ? converted : converted.appendBuffer(tail);
    }

    /** Returns the transcoder for a body of {@code type} from {@code from} to {@code to}. */
    static Transcoder of(ContentType type, Charset from, Charset to) {
        if (type.isForm()) {
            return new FormTranscoder(from, to);
        }
        return new TextTranscoder(from, to, type.isXml());
    }
}
