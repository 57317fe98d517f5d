package io.switchboard.journal.mask;

import io.switchboard.config.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Masks the values at configured JSON paths in a JSON body, in place: one streaming pass over the bytes that keeps the
 * rest of the document byte for byte. A string value becomes {@code "***"}, or {@code "***"} plus its last four
 * characters when it has sixteen or more; a number or boolean becomes the string {@code "***"}; {@code null} stays; a
 * matched object or array has every scalar inside masked. A body cut off by the capture limit is walked as far as it
 * goes; a body that is not JSON at all falls back to a textual scan for {@code "name": value} with the paths' last
 * names.
 */
final class JsonPathMask {
    /** Deeper documents than this are scanned textually instead. */
    static final int MAX_DEPTH = 200;

    private static final int OK = 0;
    private static final int END = 1;
    private static final int BAD = 2;

    /** The visible tail of a long masked string. */
    static final int HINT = 4;

    /** The shortest string value that keeps a hint. */
    static final int HINT_MIN_LENGTH = 16;

    private final List<JsonPath.Step[]> paths;
    private final List<byte[][]> names;
    private final List<byte[]> lastNames;

    private JsonPathMask(List<JsonPath> parsed) {
        this.paths = parsed.stream()
                .map(path -> path.steps().toArray(JsonPath.Step[]::new))
                .toList();
        this.names = parsed.stream()
                .map(path -> path.steps().stream()
                        .map(step -> step.name().getBytes(StandardCharsets.UTF_8))
                        .toArray(byte[][]::new))
                .toList();
        Set<String> last = new LinkedHashSet<>();
        for (JsonPath path : parsed) {
            String name = path.lastName();
            if (name != null) {
                last.add(name);
            }
        }
        this.lastNames =
                last.stream().map(name -> name.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Returns the mask for the paths; a path that does not parse is left out (config validation reports it). */
    static JsonPathMask of(Collection<String> paths) {
        List<JsonPath> parsed = new ArrayList<>();
        for (String path : paths) {
            try {
                parsed.add(JsonPath.parse(path));
            } catch (IllegalArgumentException e) {
                // Validated by ConnectorSchema; a path that slipped through masks nothing rather than failing.
            }
        }
        return new JsonPathMask(parsed);
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** Returns the names the paths end with ({@code cvv} for {@code $..cvv}), for textual scans. */
    List<byte[]> lastNames() {
        return lastNames;
    }

    /** Returns whether {@code in} starts, after white space, with an object or an array. */
    static boolean looksLikeJson(byte[] in) {
        for (byte b : in) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /**
     * Returns {@code in} with the values at the paths masked, or {@code in} itself when there is none.
     *
     * @param truncated whether the body went on past {@code in}
     */
    byte[] mask(byte[] in, boolean truncated) {
        if (paths.isEmpty()) {
            return in;
        }
        Walk walk = new Walk(in);
        if (walk.document() == BAD) {
            // Not JSON after all (or deeper than we walk): what was masked so far is dropped and the textual scan
            // takes over from the start. A cut-off body is no reason to give up: it was walked as far as it goes.
            return textual(in, lastNames);
        }
        ByteEdits edits = walk.edits;
        return edits == null ? in : edits.apply(in);
    }

    /**
     * Returns {@code in} with the value after every {@code "name":} for the names replaced, scanning text without
     * parsing it (for bodies that are not JSON, or not whole JSON).
     */
    static byte[] textual(byte[] in, List<byte[]> names) {
        ByteEdits edits = null;
        int n = in.length;
        int i = 0;
        while (i < n) {
            if (in[i] != '"') {
                i++;
                continue;
            }
            int valueStart = -1;
            for (byte[] name : names) {
                int close = i + 1 + name.length;
                if (close < n && in[close] == '"' && Arrays.equals(in, i + 1, close, name, 0, name.length)) {
                    int at = skipSpace(in, close + 1);
                    if (at < n && in[at] == ':') {
                        valueStart = skipSpace(in, at + 1);
                        break;
                    }
                }
            }
            if (valueStart < 0 || valueStart >= n) {
                i++;
                continue;
            }
            int valueEnd;
            byte[] replacement;
            if (in[valueStart] == '"') {
                valueEnd = stringEnd(in, valueStart);
                replacement = hiddenString(in, valueStart, valueEnd, valueEnd > n);
                valueEnd = Math.min(valueEnd, n);
            } else {
                valueEnd = literalEnd(in, valueStart);
                replacement = isNull(in, valueStart, valueEnd) || valueEnd == valueStart ? null : QUOTED_STARS;
            }
            if (replacement != null) {
                if (edits == null) {
                    edits = new ByteEdits();
                }
                edits.replace(valueStart, valueEnd, replacement);
            }
            i = Math.max(valueEnd, i + 1);
        }
        return edits == null ? in : edits.apply(in);
    }

    static final byte[] QUOTED_STARS = {'"', '*', '*', '*', '"'};
    private static final byte[] OPEN_STARS = {'"', '*', '*', '*'};

    /**
     * Returns what replaces the string {@code [start, end)} (quotes included): {@code "***"} plus its last four
     * characters when it is long and they are plain letters or digits; {@code "***} when it was cut off.
     */
    static byte[] hiddenString(byte[] in, int start, int end, boolean cut) {
        if (cut) {
            return OPEN_STARS;
        }
        int contentEnd = end - 1;
        int length = contentEnd - (start + 1);
        if (length >= HINT_MIN_LENGTH && isPlain(in, contentEnd - HINT, contentEnd)) {
            byte[] hidden = Arrays.copyOf(QUOTED_STARS, QUOTED_STARS.length + HINT);
            System.arraycopy(in, contentEnd - HINT, hidden, 4, HINT);
            hidden[hidden.length - 1] = '"';
            return hidden;
        }
        return QUOTED_STARS;
    }

    /** Returns whether {@code [start, end)} holds only ASCII letters and digits. */
    static boolean isPlain(byte[] in, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = in[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index just past the string starting at the quote at {@code start}, or n+1 when it is cut off. */
    private static int stringEnd(byte[] in, int start) {
        int n = in.length;
        int at = start + 1;
        while (at < n) {
            byte b = in[at];
            if (b == '"') {
                return at + 1;
            }
            at += b == '\\' ? 2 : 1;
        }
        return n + 1;
    }

    private static int literalEnd(byte[] in, int start) {
        int at = start;
        while (at < in.length && isLiteralByte(in[at])) {
            at++;
        }
        return at;
    }

    private static boolean isLiteralByte(byte b) {
        return (b >= '0' && b <= '9')
                || (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || b == '-'
                || b == '+'
                || b == '.';
    }

    private static boolean isNull(byte[] in, int start, int end) {
        return end - start == 4
                && in[start] == 'n'
                && in[start + 1] == 'u'
                && in[start + 2] == 'l'
                && in[start + 3] == 'l';
    }

    /** Returns the text of the JSON string content {@code [start, end)}, its escapes decoded. */
    static String decode(byte[] in, int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        int plain = start;
        int at = start;
        while (at < end) {
            if (in[at] != '\\') {
                at++;
                continue;
            }
            text.append(new String(in, plain, at - plain, StandardCharsets.UTF_8));
            if (at + 1 >= end) {
                plain = end;
                break;
            }
            byte escaped = in[at + 1];
            at += 2;
            switch (escaped) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    int code = at + 4 <= end ? hex4(in, at) : -1;
                    if (code >= 0) {
                        text.append((char) code);
                        at += 4;
                    }
                }
                default -> text.append((char) escaped);
            }
            plain = at;
        }
        if (plain < end) {
            text.append(new String(in, plain, end - plain, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static int hex4(byte[] in, int at) {
        int code = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(in[i], 16);
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    private static int skipSpace(byte[] in, int from) {
        int at = from;
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
        return at;
    }

    /** One walk over one body: a recursive descent over the bytes, keeping for each depth which path steps match. */
    private final class Walk {
        private final byte[] in;
        private final int n;
        private final int width;
        private int pos;
        private long[] states;
        private @Nullable ByteEdits edits;

        Walk(byte[] in) {
            this.in = in;
            this.n = in.length;
            this.width = paths.size();
            this.states = new long[width * 8];
            for (int p = 0; p < width; p++) {
                states[p] = 1L;
            }
        }

        /** Walks every top-level value (one document, or several as in NDJSON). */
        int document() {
            while (true) {
                pos = skipSpace(in, pos);
                if (pos >= n) {
                    return OK;
                }
                if (in[pos] != '{' && in[pos] != '[') {
                    return BAD;
                }
                int result = value(0, false);
                if (result != OK) {
                    return result;
                }
            }
        }

        private int value(int depth, boolean masked) {
            pos = skipSpace(in, pos);
            if (pos >= n) {
                return END;
            }
            byte b = in[pos];
            if (b == '{') {
                return object(depth, masked);
            }
            if (b == '[') {
                return array(depth, masked);
            }
            if (b == '"') {
                int start = pos;
                int stringEnd = stringEnd(in, start);
                pos = Math.min(stringEnd, n);
                if (masked) {
                    replace(start, pos, hiddenString(in, start, stringEnd, stringEnd > n));
                }
                return stringEnd > n ? END : OK;
            }
            int start = pos;
            pos = literalEnd(in, start);
            if (pos == start || !isLiteral(start, pos)) {
                return BAD;
            }
            if (masked && !isNull(in, start, pos)) {
                replace(start, pos, QUOTED_STARS);
            }
            return OK;
        }

        private int object(int depth, boolean masked) {
            if (depth >= MAX_DEPTH) {
                return BAD;
            }
            pos++;
            pos = skipSpace(in, pos);
            if (pos >= n) {
                return END;
            }
            if (in[pos] == '}') {
                pos++;
                return OK;
            }
            while (true) {
                pos = skipSpace(in, pos);
                if (pos >= n) {
                    return END;
                }
                if (in[pos] != '"') {
                    return BAD;
                }
                int keyStart = pos + 1;
                int keyEnd = stringEnd(in, pos);
                if (keyEnd > n) {
                    pos = n;
                    return END;
                }
                pos = skipSpace(in, keyEnd);
                if (pos >= n) {
                    return END;
                }
                if (in[pos] != ':') {
                    return BAD;
                }
                pos++;
                boolean childMasked = masked || enter(depth, keyStart, keyEnd - 1, -1);
                int result = value(depth + 1, childMasked);
                if (result != OK) {
                    return result;
                }
                pos = skipSpace(in, pos);
                if (pos >= n) {
                    return END;
                }
                if (in[pos] == ',') {
                    pos++;
                } else if (in[pos] == '}') {
                    pos++;
                    return OK;
                } else {
                    return BAD;
                }
            }
        }

        private int array(int depth, boolean masked) {
            if (depth >= MAX_DEPTH) {
                return BAD;
            }
            pos++;
            pos = skipSpace(in, pos);
            if (pos >= n) {
                return END;
            }
            if (in[pos] == ']') {
                pos++;
                return OK;
            }
            int index = 0;
            while (true) {
                boolean childMasked = masked || enter(depth, 0, 0, index);
                int result = value(depth + 1, childMasked);
                if (result != OK) {
                    return result;
                }
                pos = skipSpace(in, pos);
                if (pos >= n) {
                    return END;
                }
                if (in[pos] == ',') {
                    pos++;
                    index++;
                } else if (in[pos] == ']') {
                    pos++;
                    return OK;
                } else {
                    return BAD;
                }
            }
        }

        /**
         * Works out which path steps match the member {@code [keyStart, keyEnd)} (or the element at {@code index} when
         * it is not -1) of the container at {@code depth}, and returns whether some path matches it whole.
         */
        private boolean enter(int depth, int keyStart, int keyEnd, int index) {
            int base = depth * width;
            int child = base + width;
            if (child + width > states.length) {
                states = Arrays.copyOf(states, Math.max(states.length * 2, child + width));
            }
            String decodedKey = null;
            boolean matched = false;
            for (int p = 0; p < width; p++) {
                JsonPath.Step[] steps = paths.get(p);
                byte[][] stepNames = names.get(p);
                long next = 0;
                for (long bits = states[base + p]; bits != 0; bits &= bits - 1) {
                    int k = Long.numberOfTrailingZeros(bits);
                    if (k >= steps.length) {
                        continue;
                    }
                    JsonPath.Step step = steps[k];
                    if (step.descendant()) {
                        next |= 1L << k;
                    }
                    boolean matches;
                    if (index >= 0) {
                        matches = step.matchesIndex(index);
                    } else if (step.kind() != JsonPath.Kind.NAME) {
                        matches = step.kind() == JsonPath.Kind.ANY;
                    } else if (hasEscape(keyStart, keyEnd)) {
                        if (decodedKey == null) {
                            decodedKey = decode(in, keyStart, keyEnd);
                        }
                        matches = step.name().equals(decodedKey);
                    } else {
                        matches = Arrays.equals(in, keyStart, keyEnd, stepNames[k], 0, stepNames[k].length);
                    }
                    if (matches) {
                        next |= 1L << (k + 1);
                    }
                }
                states[child + p] = next;
                if ((next & (1L << steps.length)) != 0) {
                    matched = true;
                }
            }
            return matched;
        }

        private boolean hasEscape(int start, int end) {
            for (int i = start; i < end; i++) {
                if (in[i] == '\\') {
                    return true;
                }
            }
            return false;
        }

        private boolean isLiteral(int start, int end) {
            byte first = in[start];
            if (first == '-' || (first >= '0' && first <= '9')) {
                return true;
            }
            String word = first == 't' ? "true" : first == 'f' ? "false" : first == 'n' ? "null" : null;
            if (word == null || end - start > word.length()) {
                return false;
            }
            for (int i = start; i < end; i++) {
                if (in[i] != word.charAt(i - start)) {
                    return false;
                }
            }
            // A cut-off "tru" is fine at the very end of a truncated body; anywhere else the word must be whole.
            return end - start == word.length() || end == n;
        }

        private void replace(int start, int end, byte[] replacement) {
            if (edits == null) {
                edits = new ByteEdits();
            }
            edits.replace(start, end, replacement);
        }
    }
}
