package io.switchboard.policy.charset;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;

/**
 * A transcoder for {@code application/x-www-form-urlencoded} bodies, whose non-ASCII text travels percent-encoded:
 * {@code name=%D0%98} is "И" in UTF-8, and the provider must get {@code name=%C8} in windows-1251. Converting the raw
 * body as text would change nothing, so each name and value is percent-decoded, converted, and percent-encoded again.
 *
 * <p>The separators {@code &}, {@code =} and {@code +} (a space) stay as they are. Printable ASCII other than {@code %},
 * {@code &}, {@code +} and {@code =} is written as itself, everything else as {@code %XX}, so a field that needs no
 * conversion keeps its bytes except for needless escapes. A {@code %} not followed by two hex digits is taken
 * literally, as the WHATWG URL standard's percent-decode does.
 */
final class FormTranscoder implements Transcoder {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final TextTranscoder text;
    /** 0 outside an escape, 1 after "%", 2 after "%" and one hex digit. */
    private int escape;

    private int highDigit;
    /** Raw bytes of the body seen before the current chunk. */
    private long rawOffset;
    /** Raw offset of the first byte of the current name or value. */
    private long fieldStart;

    FormTranscoder(Charset from, Charset to) {
        this.text = new TextTranscoder(from, to, false);
    }

    @Override
    public Buffer convert(Buffer chunk) {
        Buffer out = Buffer.buffer(chunk.length() + 16);
        Buffer decoded = Buffer.buffer(chunk.length());
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            byte b = chunk.getByte(i);
            if (escape == 1) {
                if (isHex(b)) {
                    highDigit = b;
                    escape = 2;
                    continue;
                }
                decoded.appendByte((byte) '%');
                escape = 0;
            } else if (escape == 2) {
                escape = 0;
                if (isHex(b)) {
                    decoded.appendByte((byte) (digit(highDigit) << 4 | digit(b)));
                    continue;
                }
                decoded.appendByte((byte) '%').appendByte((byte) highDigit);
            }
            if (b == '%') {
                escape = 1;
            } else if (b == '&' || b == '=' || b == '+') {
                convertField(decoded, out);
                decoded = Buffer.buffer();
                endField(out);
                out.appendByte(b);
                if (b != '+') {
                    // A space ends a run of text but not the field, which is what the caller can look for.
                    fieldStart = rawOffset + i + 1;
                }
            } else {
                decoded.appendByte(b);
            }
        }
        convertField(decoded, out);
        rawOffset += length;
        return out;
    }

    @Override
    public Buffer finish() {
        Buffer out = Buffer.buffer();
        Buffer decoded = Buffer.buffer();
        if (escape >= 1) {
            decoded.appendByte((byte) '%');
        }
        if (escape == 2) {
            decoded.appendByte((byte) highDigit);
        }
        escape = 0;
        convertField(decoded, out);
        endField(out);
        return out;
    }

    private void convertField(Buffer decoded, Buffer out) {
        if (decoded.length() == 0) {
            return;
        }
        try {
            percentEncode(text.convert(decoded), out);
        } catch (UnconvertibleTextException e) {
            throw e.inFormField(fieldStart);
        }
    }

    private void endField(Buffer out) {
        try {
            percentEncode(text.finish(), out);
        } catch (UnconvertibleTextException e) {
            throw e.inFormField(fieldStart);
        }
        text.reset();
    }

    private static void percentEncode(Buffer bytes, Buffer out) {
        for (int i = 0; i < bytes.length(); i++) {
            byte b = bytes.getByte(i);
            if (b > 0x20 && b < 0x7f && b != '%' && b != '&' && b != '+' && b != '=') {
                out.appendByte(b);
            } else {
                out.appendByte((byte) '%').appendByte(HEX[(b >> 4) & 0xf]).appendByte(HEX[b & 0xf]);
            }
        }
    }

    private static boolean isHex(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int digit(int b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
