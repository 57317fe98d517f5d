package io.switchboard.policy.credentials;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Edits a raw query string: replaces one parameter and keeps every other byte as the caller sent it. */
final class QueryParameters {
    private static final String HEX = "0123456789ABCDEF";

    private QueryParameters() {}

    /**
     * Returns {@code rawQuery} with every parameter named {@code name} removed and {@code pair} put where the first of
     * them was (or at the end when there was none). Names are compared after percent-decoding (and {@code +} as a
     * space, as form decoding does), so {@code api%5Fkey} is the same parameter as {@code api_key}: an upstream would
     * decode it to that name too.
     *
     * @param rawQuery the raw query without "?", or null
     * @param name the decoded parameter name
     * @param pair the encoded {@code name=value} to put in its place
     */
    static String replace(@Nullable String rawQuery, String name, String pair) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pair;
        }
        StringBuilder out = new StringBuilder(rawQuery.length() + pair.length() + 1);
        boolean placed = false;
        boolean first = true;
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            boolean same = isNamed(rawQuery, start, end, name);
            if (!same || !placed) {
                if (!first) {
                    out.append('&');
                }
                first = false;
                if (same) {
                    out.append(pair);
                    placed = true;
                } else {
                    out.append(rawQuery, start, end);
                }
            }
            start = end + 1;
        }
        if (!placed) {
            out.append('&').append(pair);
        }
        return out.toString();
    }

    /** Returns {@code text} percent-encoded as UTF-8, keeping only RFC 3986 unreserved characters as they are. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }

    private static boolean isNamed(String query, int start, int end, String name) {
        int equals = query.indexOf('=', start);
        int nameEnd = equals < 0 || equals > end ? end : equals;
        boolean plain = true;
        for (int i = start; i < nameEnd; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return nameEnd - start == name.length() && query.regionMatches(start, name, 0, name.length());
        }
        return decode(query, start, nameEnd).equals(name);
    }

    private static String decode(String text, int start, int end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        int i = start;
        while (i < end) {
            int c = text.codePointAt(i);
            int escaped = c == '%' ? hex(text, i + 1, end) : -1;
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (escaped >= 0) {
                bytes.write(escaped);
                i += 3;
            } else {
                // A character that is not an escape stands for itself, in UTF-8 like the escapes around it.
                byte[] raw = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Returns the byte of the two hex digits at {@code at}, or -1 when they are not two hex digits before end. */
    private static int hex(String text, int at, int end) {
        if (at + 1 >= end) {
            return -1;
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }
}
