package io.switchboard.journal;

import io.switchboard.store.DetailBlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON text as UTF-8 bytes straight into a buffer, for the journal's detail of every exchange.
 *
 * <p>Building the detail as a tree of {@code JsonObject}s and encoding it through Jackson's databind was the larger
 * part of the journal's cost on the event loop (about 4 µs of a call's ~10); writing the same text as the values come
 * costs a fraction of that. Bytes rather than a {@code StringBuilder}: the detail goes to the store as UTF-8, and
 * building a string first cost the writer a copy into the builder, one out of it and an encoding (a third of its
 * work, once the records were packed). The output is ordinary JSON that any parser reads back, keys in the order
 * written, except for {@linkplain #rawUtf8Value raw strings}, which only a detail block's reader understands. One
 * instance can write many texts in turn ({@link #reset}), or one after another in the same buffer with plain bytes
 * between them ({@link #ascii}, {@link #raw}): the journal's writer lays out a whole batch's detail block this way,
 * {@code id TAB detail LF} per record, and hands the buffer over without copying it ({@link #buffer}).
 */
final class JsonText {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    // A proxied exchange's detail is about a kilobyte: room for it without growing.
    private byte[] out = new byte[2048];
    private int length;
    private boolean afterValue;

    /** Empties the buffer for the next text. */
    JsonText reset() {
        length = 0;
        afterValue = false;
        return this;
    }

    JsonText beginObject() {
        return open('{');
    }

    JsonText endObject() {
        return close('}');
    }

    JsonText beginArray() {
        return open('[');
    }

    JsonText endArray() {
        return close(']');
    }

    private JsonText open(char bracket) {
        separate();
        write(bracket);
        afterValue = false;
        return this;
    }

    private JsonText close(char bracket) {
        write(bracket);
        afterValue = true;
        return this;
    }

    /**
     * A key quoted once: every key a detail has is a constant, and quoting the same constants again for every record
     * was work done a thousand times a batch for nothing. Keys are written only this way.
     */
    static final class Key {
        private final byte[] quoted;

        private Key(byte[] quoted) {
            this.quoted = quoted;
        }
    }

    /** Returns {@code name} quoted as a key, colon included. */
    static Key key(String name) {
        JsonText text = new JsonText();
        text.quote(name);
        text.write(':');
        return new Key(text.toBytes());
    }

    /** Writes a key made by {@link #key}; the next call writes its value. */
    JsonText name(Key key) {
        separate();
        write(key.quoted, 0, key.quoted.length);
        afterValue = false;
        return this;
    }

    JsonText value(@Nullable String value) {
        separate();
        if (value == null) {
            write(NULL, 0, NULL.length);
        } else {
            quote(value);
        }
        afterValue = true;
        return this;
    }

    JsonText value(long value) {
        separate();
        // Digits written in place, last first: a string per number per record was garbage the writer made for nothing.
        room(20);
        long rest = value;
        if (rest < 0) {
            out[length++] = '-';
        }
        int digits = 1;
        for (long left = rest / 10; left != 0; left /= 10) {
            digits++;
        }
        for (int at = length + digits - 1; at >= length; at--) {
            out[at] = (byte) ('0' + Math.abs(rest % 10));
            rest /= 10;
        }
        length += digits;
        afterValue = true;
        return this;
    }

    JsonText value(boolean value) {
        separate();
        byte[] word = value ? TRUE : FALSE;
        write(word, 0, word.length);
        afterValue = true;
        return this;
    }

    JsonText nullValue() {
        separate();
        write(NULL, 0, NULL.length);
        afterValue = true;
        return this;
    }

    /**
     * Writes valid UTF-8 bytes as a string value stored raw ({@link DetailBlock#RAW_STRING}): a marker, their length,
     * the bytes as they are. Not JSON until a reader of the detail block expands it; only for details in a block.
     */
    JsonText rawUtf8Value(byte[] utf8, int from, int to) {
        separate();
        int count = to - from;
        room(1 + DetailBlock.RAW_LENGTH_BYTES + count);
        out[length++] = DetailBlock.RAW_STRING;
        out[length++] = (byte) (count >>> 24);
        out[length++] = (byte) (count >>> 16);
        out[length++] = (byte) (count >>> 8);
        out[length++] = (byte) count;
        System.arraycopy(utf8, from, out, length, count);
        length += count;
        afterValue = true;
        return this;
    }

    /**
     * Writes characters known to be ASCII and to need no escaping (an id), as they are, outside any JSON value: for the
     * lines of a detail block, which put an id before each detail.
     */
    JsonText ascii(String text) {
        int count = text.length();
        room(count);
        for (int i = 0; i < count; i++) {
            out[length++] = (byte) text.charAt(i);
        }
        afterValue = false;
        return this;
    }

    /** Writes UTF-8 bytes as they are, outside any JSON value (a whole JSON text written before). */
    JsonText raw(byte[] utf8) {
        write(utf8, 0, utf8.length);
        afterValue = false;
        return this;
    }

    /** Writes one ASCII character as it is, outside any JSON value (a separator between lines). */
    JsonText raw(char ascii) {
        write(ascii);
        afterValue = false;
        return this;
    }

    /** Returns how many bytes were written. */
    int length() {
        return length;
    }

    /** Forgets what was written after the first {@code kept} bytes: a line that could not be finished. */
    void truncate(int kept) {
        length = kept;
        afterValue = false;
    }

    /** Returns the buffer the text is in: its first {@link #length} bytes, valid until the next write or reset. */
    byte[] buffer() {
        return out;
    }

    /** Returns the text written so far, as UTF-8. */
    byte[] toBytes() {
        return Arrays.copyOf(out, length);
    }

    @Override
    public String toString() {
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    private void separate() {
        if (afterValue) {
            write(',');
        }
    }

    /**
     * Quotes a string as RFC 8259 asks: quote, backslash and control characters escaped, the rest as UTF-8 (a lone
     * surrogate, which UTF-8 cannot hold, as {@code ?}, as {@code String.getBytes} writes it).
     */
    private void quote(String value) {
        // Nearly every value (a header's name and value) is short ASCII with nothing to escape: its characters are
        // copied straight into the buffer. Encoding it to a new UTF-8 array first, scanning that and copying it over
        // took about a fifth longer for a detail's thirty-odd strings (in-process: 876 -> 687 ns a detail).
        int count = value.length();
        room(2 + count);
        int at = length + 1;
        int i = 0;
        for (; i < count; i++) {
            char c = value.charAt(i);
            // mustEscape's rule, spelled out for a char: calling it on (byte) c measured ~10% slower a detail.
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            out[at + i] = (byte) c;
        }
        if (i == count) { // the quotes around it written last: the loop stopped nowhere
            out[length] = '"';
            out[at + count] = '"';
            length = at + count + 1;
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        quoteUtf8(utf8, 0, utf8.length);
    }

    private void quoteUtf8(byte[] utf8, int from, int to) {
        int clean = firstToEscape(utf8, from, to);
        room(2 + (clean - from) + (to - clean) * 6);
        out[length++] = '"';
        System.arraycopy(utf8, from, out, length, clean - from);
        length += clean - from;
        for (int i = clean; i < to; i++) {
            byte b = utf8[i];
            if (mustEscape(b)) {
                escape((char) b);
            } else {
                out[length++] = b;
            }
        }
        out[length++] = '"';
    }

    /** Returns the index of the first byte JSON must escape, or {@code to} when there is none. */
    private static int firstToEscape(byte[] utf8, int from, int to) {
        int i = from;
        // Eight bytes at a time while none of them needs escaping: nearly every header value and body is such a run,
        // and a loop of three comparisons per byte was the larger part of rendering a detail.
        while (i + Long.BYTES <= to && !anyToEscape((long) LONGS.get(utf8, i))) {
            i += Long.BYTES;
        }
        for (; i < to; i++) {
            if (mustEscape(utf8[i])) {
                return i;
            }
        }
        return to;
    }

    /**
     * Returns whether any of eight bytes is one {@link #mustEscape} names. Each test sets a byte's high bit only where
     * that byte matches or a borrow from a lower matching byte reached it, so the answer is exact for the word as a
     * whole; a negative byte (part of a multi-byte character) never matches, as its own high bit is masked out.
     */
    private static boolean anyToEscape(long word) {
        long control = (word - 0x20 * ONES) & ~word;
        long quotes = word ^ ('"' * ONES);
        long backslashes = word ^ ('\\' * ONES);
        long matches = control | ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes);
        return (matches & HIGH_BITS) != 0;
    }

    /**
     * Returns whether RFC 8259 requires the character of this byte escaped: an ASCII control character, a quote or a
     * backslash (the bytes of a multi-byte character are negative and never are).
     */
    private static boolean mustEscape(byte b) {
        return (b >= 0 && b < 0x20) || b == '"' || b == '\\';
    }

    /** Writes the escape of an ASCII character JSON must escape; room for six bytes is there. */
    private void escape(char c) {
        out[length++] = '\\';
        switch (c) {
            case '"' -> out[length++] = '"';
            case '\\' -> out[length++] = '\\';
            case '\n' -> out[length++] = 'n';
            case '\r' -> out[length++] = 'r';
            case '\t' -> out[length++] = 't';
            case '\b' -> out[length++] = 'b';
            case '\f' -> out[length++] = 'f';
            default -> {
                out[length++] = 'u';
                out[length++] = '0';
                out[length++] = '0';
                out[length++] = HEX[c >> 4];
                out[length++] = HEX[c & 0xf];
            }
        }
    }

    private void write(char ascii) {
        room(1);
        out[length++] = (byte) ascii;
    }

    private void write(byte[] bytes, int from, int count) {
        room(count);
        System.arraycopy(bytes, from, out, length, count);
        length += count;
    }

    private void room(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
