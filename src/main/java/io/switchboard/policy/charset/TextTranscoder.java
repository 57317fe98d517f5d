package io.switchboard.policy.charset;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A transcoder for plain text, JSON and XML: decodes the bytes with one charset and encodes the characters with
 * another, both set to report (never replace) bad input, so a body is converted exactly or not at all.
 *
 * <p>A character whose bytes are split between chunks is kept back until its last byte arrives. For XML, the encoding
 * named in the declaration ({@code <?xml version="1.0" encoding="..."?>}) is rewritten to the target charset, because
 * many XML parsers trust the declaration over the HTTP header.
 */
final class TextTranscoder implements Transcoder {
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);

    private final Charset from;
    private final Charset to;
    private final CharsetDecoder decoder;
    private final CharsetEncoder encoder;
    /** Undecoded bytes from the end of the last chunk: the start of a character whose other bytes are still due. */
    private ByteBuffer byteCarry = NO_BYTES;
    /** Unencoded characters from the last chunk: a high surrogate whose low surrogate is still due. */
    private @Nullable CharBuffer charCarry;
    /** Source bytes before the first byte of {@link #byteCarry}. */
    private long bytesBefore;
    /** Code points encoded so far. */
    private long codePointsWritten;
    /** How many code points the converted text has more than the source (a rewritten XML declaration). */
    private long codePointShift;
    /** The text's start held back until it is known whether it is an XML declaration; null once decided. */
    private @Nullable StringBuilder xmlHead;

    TextTranscoder(Charset from, Charset to, boolean xml) {
        this.from = from;
        this.to = to;
        this.decoder = from.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.encoder = to.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.xmlHead = xml ? new StringBuilder() : null;
    }

    @Override
    public Buffer convert(Buffer chunk) {
        ByteBuffer in = withCarry(chunk);
        CharBuffer text = decode(in, false);
        byteCarry =
                in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : NO_BYTES;
        return encode(text, false);
    }

    @Override
    public Buffer finish() {
        ByteBuffer in = byteCarry;
        byteCarry = NO_BYTES;
        CharBuffer text = decode(in, true);
        return encode(text, true);
    }

    /**
     * Makes this transcoder ready for an unrelated piece of text (the next form field), keeping its offsets. Call only
     * after {@link #finish()}.
     */
    void reset() {
        decoder.reset();
        encoder.reset();
        byteCarry = NO_BYTES;
        charCarry = null;
    }

    private ByteBuffer withCarry(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        if (!byteCarry.hasRemaining()) {
            return ByteBuffer.wrap(bytes);
        }
        return ByteBuffer.allocate(byteCarry.remaining() + bytes.length)
                .put(byteCarry)
                .put(bytes)
                .flip();
    }

    private CharBuffer decode(ByteBuffer in, boolean endOfInput) {
        int start = in.position();
        CharBuffer out = CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 2);
        CoderResult result = decoder.decode(in, out, endOfInput);
        while (result.isOverflow()) {
            out = grow(out);
            result = decoder.decode(in, out, endOfInput);
        }
        if (result.isError()) {
            // The decoder leaves the input at the first byte of the bad sequence.
            throw UnconvertibleTextException.malformed(from, bytesBefore + (in.position() - start));
        }
        if (endOfInput) {
            result = decoder.flush(out);
            while (result.isOverflow()) {
                out = grow(out);
                result = decoder.flush(out);
            }
        }
        bytesBefore += in.position() - start;
        return out.flip();
    }

    private Buffer encode(CharBuffer text, boolean endOfInput) {
        CharBuffer chars = text;
        CharBuffer carried = charCarry;
        if (carried != null) {
            chars = CharBuffer.allocate(carried.remaining() + text.remaining())
                    .put(carried)
                    .put(text)
                    .flip();
            charCarry = null;
        }
        StringBuilder head = xmlHead;
        if (head != null) {
            head.append(chars);
            if (!XmlDeclaration.isDecidable(head, endOfInput)) {
                return Buffer.buffer();
            }
            xmlHead = null;
            String original = head.toString();
            String rewritten = XmlDeclaration.withEncoding(original, to.name(), !to.equals(StandardCharsets.UTF_8));
            // The declaration is ASCII, so its length in chars is its length in code points.
            codePointShift = (long) rewritten.length() - original.length();
            chars = CharBuffer.wrap(rewritten);
        }
        int start = chars.position();
        ByteBuffer out = ByteBuffer.allocate((int) (chars.remaining() * (double) encoder.averageBytesPerChar()) + 16);
        CoderResult result = encoder.encode(chars, out, endOfInput);
        while (true) {
            if (result.isOverflow()) {
                out = grow(out);
                result = encoder.encode(chars, out, endOfInput);
            } else if (result.isError()) {
                // The encoder leaves the input at the character it could not encode.
                long offset = codePointsWritten + codePointsBetween(chars, start) - codePointShift;
                throw UnconvertibleTextException.unmappable(to, offset, Character.codePointAt(chars, 0));
            } else {
                break;
            }
        }
        if (endOfInput) {
            result = encoder.flush(out);
            while (result.isOverflow()) {
                out = grow(out);
                result = encoder.flush(out);
            }
        }
        codePointsWritten += codePointsBetween(chars, start);
        if (chars.hasRemaining()) {
            charCarry = CharBuffer.allocate(chars.remaining()).put(chars).flip();
        }
        return Buffer.buffer(out.position()).appendBytes(out.array(), 0, out.position());
    }

    /** Returns the number of code points from {@code start} to the buffer's current position. */
    private static int codePointsBetween(CharBuffer chars, int start) {
        CharBuffer done = chars.duplicate().limit(chars.position()).position(start);
        return Character.codePointCount(done, 0, done.remaining());
    }

    private static CharBuffer grow(CharBuffer full) {
        CharBuffer bigger = CharBuffer.allocate(full.capacity() * 2 + 16);
        return bigger.put(full.flip());
    }

    private static ByteBuffer grow(ByteBuffer full) {
        ByteBuffer bigger = ByteBuffer.allocate(full.capacity() * 2 + 16);
        return bigger.put(full.flip());
    }
}
