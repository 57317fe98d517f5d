package io.switchboard.journal;

import io.switchboard.journal.mask.Masker;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A message's headers, masked, as one byte array: name, value, name, value…, each a varint byte count and its UTF-8
 * bytes. Written on the event loop, read by the journal's writer.
 *
 * <p>Why bytes and not the strings: the writer renders a record 50 ms or more after the call, when the two dozen
 * header strings it would read (each an object and an array, spread over the heap among everything the event loop
 * allocated since) have left the cache. Reading them cost the writer in the gateway four times what it did in a
 * benchmark whose strings stayed cached. Here the event loop copies them while it has them in hand (masking has just
 * read every value), and the writer reads one array front to back.
 */
final class HeaderBytes {
    // One scratch buffer per event loop thread: the headers are copied into it, then out at their exact size.
    private static final ThreadLocal<HeaderBytes> SCRATCH = ThreadLocal.withInitial(HeaderBytes::new);

    private byte[] bytes = new byte[1024];
    private int length;

    private HeaderBytes() {}

    /** Returns the headers, each value masked by {@code masker}, as name, value, name, value… in bytes. */
    static byte[] of(Masker masker, MultiMap headers) {
        HeaderBytes out = SCRATCH.get();
        out.length = 0;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            out.string(name);
            out.string(masker.header(name, header.getValue()));
        }
        return Arrays.copyOf(out.bytes, out.length);
    }

    private void string(String value) {
        // The JDK encodes a string of ASCII as one vectorised check and a block copy: faster than a loop over its
        // characters here, even with the array it makes.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(5 + utf8.length);
        varint(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    private void varint(int value) {
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            bytes[length++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        bytes[length++] = (byte) rest;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Writes the headers in {@code bytes} (as {@link #of} made them) as a JSON array of [name, value] pairs. */
    static void json(JsonText text, byte[] bytes) {
        text.beginArray();
        int at = 0;
        while (at < bytes.length) {
            text.beginArray();
            for (int part = 0; part < 2; part++) {
                int count = 0;
                int shift = 0;
                byte b;
                do {
                    b = bytes[at++];
                    count |= (b & 0x7f) << shift;
                    shift += 7;
                } while (b < 0);
                text.utf8Value(bytes, at, at + count);
                at += count;
            }
            text.endArray();
        }
        text.endArray();
    }
}
