package io.switchboard.journal.mask;

import io.switchboard.pipeline.ContentType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Brings a text body in another charset to UTF-8 before it is masked.
 *
 * <p>Why: every mask works on bytes and expects ASCII digits and names. A legacy single-byte charset (windows-1251,
 * ISO-8859-x) keeps those as they are, but in UTF-16 or UTF-32 every digit is two or four bytes with zeros between, so
 * a card number in such a body was never found. Transcoding all declared charsets, not only the wide ones, also lets
 * the journal show such bodies as text, as it does UTF-8 ones, instead of as base64.
 *
 * <p>{@link Masker#body} masks a body's bytes as they came, then, when this class names a charset for it, masks it
 * again as UTF-8: a body whose declared charset is wrong is then masked at least as well as before.
 *
 * <p>Which bodies (the {@code charset} parameter read by {@link ContentType}, as the charset policy reads it): those
 * whose media type names a charset other than UTF-8 or US-ASCII that this JVM knows, and, when none is named, text
 * ones ({@link Masker#isText}) that start with a UTF-16 or UTF-32 byte order mark. A UTF-16 body with neither a
 * declared charset nor a mark is not recognised (a binary body can look the same).
 */
final class BodyCharset {
    private BodyCharset() {}

    /**
     * Returns the body, in {@code charset}, as UTF-8.
     *
     * @param truncated whether the body went on past these bytes: a character cut at the end is then left out, so a
     *     card number cut there still reaches the end of the text
     */
    static byte[] toUtf8(byte[] body, boolean truncated, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer text = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 1);
        ByteBuffer in = ByteBuffer.wrap(body);
        // Not the end of input when truncated: the bytes of a character cut by the limit stay undecoded and are
        // dropped.
        decoder.decode(in, text, !truncated);
        if (!truncated) {
            decoder.flush(text);
        }
        return text.flip().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the charset to bring the body to UTF-8 from, or null when it needs none (UTF-8 already, binary, or a
     * charset unknown here).
     *
     * @param type the media type, lower case ("" when unknown)
     */
    static @Nullable Charset of(String type, byte[] body) {
        // Most types name no charset, and are not parsed at all.
        ContentType parsed = type.contains("charset") ? ContentType.parse(type) : null;
        if (parsed == null || parsed.charset() == null) {
            return byteOrderMark(type, body);
        }
        Charset declared = parsed.charsetOr(StandardCharsets.UTF_8);
        return declared == null || declared.equals(StandardCharsets.UTF_8) || declared.equals(StandardCharsets.US_ASCII)
                ? null
                : declared;
    }

    /**
     * Returns UTF-16 or UTF-32 when a byte order mark starts a body that may be text, or null. (Their decoders read
     * the mark for the byte order and leave it out of the text.)
     */
    private static @Nullable Charset byteOrderMark(String type, byte[] body) {
        if (!Masker.isText(type) || body.length < 2) {
            return null;
        }
        int first = body[0] & 0xff;
        int second = body[1] & 0xff;
        boolean wide = body.length >= 4 && body[2] == 0 && body[3] == 0;
        if ((first == 0 && second == 0 && body.length >= 4 && (body[2] & 0xff) == 0xfe && (body[3] & 0xff) == 0xff)
                || (first == 0xff && second == 0xfe && wide)) {
            return Charset.forName("UTF-32");
        }
        if ((first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe)) {
            return StandardCharsets.UTF_16;
        }
        return null;
    }
}
