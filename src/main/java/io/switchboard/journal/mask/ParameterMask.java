package io.switchboard.journal.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Masks the values of named parameters in {@code name=value&name=value} text: query strings and
 * {@code application/x-www-form-urlencoded} bodies. Names are compared after URL decoding ({@code card%5Fpin} is
 * {@code card_pin}), ignoring ASCII case; pairs may be split by {@code &} or {@code ;}.
 */
final class ParameterMask {
    private final List<byte[]> names;

    private ParameterMask(List<byte[]> names) {
        this.names = names;
    }

    static ParameterMask of(Collection<String> names) {
        return new ParameterMask(names.stream()
                .filter(name -> !name.isEmpty())
                .map(name -> name.getBytes(StandardCharsets.UTF_8))
                .toList());
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Returns {@code in} with the values of the named parameters from {@code from} on replaced by {@code ***}, or
     * {@code in} itself when there is none.
     */
    byte[] mask(byte[] in, int from) {
        if (names.isEmpty()) {
            return in;
        }
        ByteEdits edits = null;
        int n = in.length;
        int start = from;
        while (start < n) {
            int end = start;
            int equals = -1;
            while (end < n && in[end] != '&' && in[end] != ';') {
                if (equals < 0 && in[end] == '=') {
                    equals = end;
                }
                end++;
            }
            if (equals > start && end > equals + 1 && isNamed(in, start, equals)) {
                if (edits == null) {
                    edits = new ByteEdits();
                }
                edits.replace(equals + 1, end, SecretValues.STARS);
            }
            start = end + 1;
        }
        return edits == null ? in : edits.apply(in);
    }

    private boolean isNamed(byte[] in, int start, int end) {
        byte[] name = in;
        int nameStart = start;
        int nameEnd = end;
        for (int i = start; i < end; i++) {
            if (in[i] == '%' || in[i] == '+') {
                name = decode(in, start, end);
                nameStart = 0;
                nameEnd = name.length;
                break;
            }
        }
        for (byte[] candidate : names) {
            if (equalsIgnoreAsciiCase(name, nameStart, nameEnd, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreAsciiCase(byte[] in, int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lower(in[start + i]) != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Returns the URL-decoded bytes of {@code [start, end)}; a malformed escape stays as written. */
    static byte[] decode(byte[] in, int start, int end) {
        byte[] decoded = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = in[i];
            if (b == '+') {
                decoded[length++] = ' ';
            } else if (b == '%' && i + 2 < end && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                decoded[length++] = (byte) (hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                decoded[length++] = b;
            }
        }
        return Arrays.copyOf(decoded, length);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
