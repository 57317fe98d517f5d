package io.switchboard.journal.mask;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The secrets that must never show (injected credentials, tokens), in every form they may take in captured data: as
 * written, URL-encoded (form and percent style, either hex case), JSON-escaped, and Base64 (standard and URL alphabet,
 * at each of the three byte alignments, so {@code base64("shop:" + password)} is found knowing only the password).
 * Each occurrence becomes {@code ***}; a Base64 occurrence takes the whole Base64 word around it.
 */
final class SecretValues {
    static final byte[] STARS = {'*', '*', '*'};

    /** A Base64 core shorter than this would match by chance too often. */
    private static final int MIN_BASE64_CORE = 6;

    /** A secret cut off at the end of a truncated body is masked when at least this much of it shows. */
    private static final int MIN_CUT_PREFIX = 4;

    /** {@code Bearer abc}: an auth scheme and its token, where the token alone is a secret too. */
    private static final Pattern SCHEME_AND_TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,19} +(\\S.*)");

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    /** One form of one secret. */
    private static final class Variant {
        private final byte[] bytes;
        private final String text;
        private final boolean base64;

        Variant(String text, boolean base64) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
            this.text = text;
            this.base64 = base64;
        }

        byte[] bytes() {
            return bytes;
        }

        String text() {
            return text;
        }

        boolean base64() {
            return base64;
        }
    }

    private static final Variant[] NONE = new Variant[0];

    /** The variants by their first byte, longest first. */
    private final Variant[][] byFirstByte = new Variant[256][];

    /**
     * One bit per pair of bytes that starts some variant (all variants are at least two bytes or handled apart), so
     * most positions are passed over with one lookup.
     */
    private final long[] firstPairs = new long[65536 / 64];

    /** Whether some variant is a single byte long (a one-character secret), which the pair filter cannot see. */
    private final boolean hasSingleByte;

    private final List<Variant> variants;

    private SecretValues(List<Variant> variants) {
        this.variants = variants;
        boolean single = false;
        for (Variant variant : variants) {
            byte[] bytes = variant.bytes();
            if (bytes.length < 2) {
                single = true;
            } else {
                int pair = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
                firstPairs[pair >>> 6] |= 1L << pair;
            }
        }
        this.hasSingleByte = single;
        for (int b = 0; b < 256; b++) {
            int first = b;
            Variant[] starting = variants.stream()
                    .filter(v -> (v.bytes()[0] & 0xff) == first)
                    .sorted(Comparator.comparingInt((Variant v) -> v.bytes().length)
                            .reversed())
                    .toArray(Variant[]::new);
            byFirstByte[b] = starting.length == 0 ? NONE : starting;
        }
    }

    /** Returns the forms of the non-empty {@code secrets}. */
    static SecretValues of(Collection<String> secrets) {
        Set<String> plain = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret.isEmpty()) {
                continue;
            }
            plain.add(secret);
            var schemeAndToken = SCHEME_AND_TOKEN.matcher(secret);
            if (schemeAndToken.matches()) {
                plain.add(schemeAndToken.group(1));
            }
        }
        Set<String> texts = new LinkedHashSet<>();
        Set<String> base64 = new LinkedHashSet<>();
        for (String secret : plain) {
            texts.add(secret);
            String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            texts.add(form);
            texts.add(lowerHex(form));
            String percent = form.replace("+", "%20");
            texts.add(percent);
            texts.add(lowerHex(percent));
            texts.add(jsonEscaped(secret));
            texts.add(jsonEscaped(secret).replace("/", "\\/"));
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < 3; offset++) {
                for (Base64.Encoder encoder : List.of(BASE64, BASE64_URL)) {
                    String core = base64Core(encoder, bytes, offset);
                    if (core.length() >= MIN_BASE64_CORE) {
                        base64.add(core);
                    }
                }
            }
        }
        List<Variant> variants = new ArrayList<>();
        texts.forEach(text -> variants.add(new Variant(text, false)));
        base64.stream().filter(text -> !texts.contains(text)).forEach(text -> variants.add(new Variant(text, true)));
        return new SecretValues(List.copyOf(variants));
    }

    /** Returns whether there is no secret at all. */
    boolean isEmpty() {
        return variants.isEmpty();
    }

    /**
     * Returns {@code in} with every secret replaced by {@code ***}, or {@code in} itself when none shows.
     *
     * @param truncated whether the data went on past {@code in}: a secret's first four or more bytes at the very end
     *     are masked too
     */
    byte[] mask(byte[] in, boolean truncated) {
        if (variants.isEmpty()) {
            return in;
        }
        ByteEdits edits = null;
        int n = in.length;
        int i = 0;
        while (i < n) {
            if (!hasSingleByte) {
                int pair = i + 1 < n ? (in[i] & 0xff) << 8 | (in[i + 1] & 0xff) : -1;
                if (pair < 0 || (firstPairs[pair >>> 6] & (1L << pair)) == 0) {
                    i++;
                    continue;
                }
            }
            Variant found = null;
            for (Variant candidate : byFirstByte[in[i] & 0xff]) {
                if (startsWith(in, i, candidate.bytes())) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + found.bytes().length;
            if (found.base64()) {
                int floor = edits == null ? 0 : edits.lastEnd();
                while (start > floor && isBase64(in[start - 1])) {
                    start--;
                }
                while (end < n && (isBase64(in[end]) || in[end] == '=')) {
                    end++;
                }
            }
            if (edits == null) {
                edits = new ByteEdits();
            }
            edits.replace(start, end, STARS);
            i = end;
        }
        if (truncated) {
            int cut = cutPrefixStart(in, edits == null ? 0 : edits.lastEnd());
            if (cut >= 0) {
                if (edits == null) {
                    edits = new ByteEdits();
                }
                edits.replace(cut, n, STARS);
            }
        }
        return edits == null ? in : edits.apply(in);
    }

    /** Returns {@code text} with every secret replaced by {@code ***}, or {@code text} itself when none shows. */
    String mask(String text) {
        if (variants.isEmpty()) {
            return text;
        }
        StringBuilder masked = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!hasSingleByte && c < 0x80) {
                char d = i + 1 < n ? text.charAt(i + 1) : 0;
                int pair = c << 8 | d;
                if (d < 0x80 && (d == 0 || (firstPairs[pair >>> 6] & (1L << pair)) == 0)) {
                    i++;
                    continue;
                }
            }
            Variant found = null;
            if (c < 0x80) {
                for (Variant candidate : byFirstByte[c]) {
                    if (text.startsWith(candidate.text(), i)) {
                        found = candidate;
                        break;
                    }
                }
            } else {
                found = nonAsciiMatch(text, i);
            }
            if (found == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + found.text().length();
            if (found.base64()) {
                while (start > copied && isBase64(text.charAt(start - 1))) {
                    start--;
                }
                while (end < n && (isBase64(text.charAt(end)) || text.charAt(end) == '=')) {
                    end++;
                }
            }
            if (masked == null) {
                masked = new StringBuilder(n);
            }
            masked.append(text, copied, start).append("***");
            copied = end;
            i = end;
        }
        return masked == null ? text : masked.append(text, copied, n).toString();
    }

    private @Nullable Variant nonAsciiMatch(String text, int at) {
        for (Variant variant : variants) {
            if (!variant.text().isEmpty() && variant.text().charAt(0) >= 0x80 && text.startsWith(variant.text(), at)) {
                return variant;
            }
        }
        return null;
    }

    /** Returns where a secret's cut-off start begins at the end of {@code in} (not before {@code floor}), or -1. */
    private int cutPrefixStart(byte[] in, int floor) {
        int n = in.length;
        int best = -1;
        for (Variant variant : variants) {
            byte[] bytes = variant.bytes();
            for (int length = Math.min(bytes.length - 1, n - floor); length >= MIN_CUT_PREFIX; length--) {
                if (Arrays.equals(in, n - length, n, bytes, 0, length)) {
                    if (best < 0 || n - length < best) {
                        best = n - length;
                    }
                    break;
                }
            }
        }
        return best;
    }

    private static boolean startsWith(byte[] in, int at, byte[] prefix) {
        if (in.length - at < prefix.length) {
            return false;
        }
        for (int k = 1; k < prefix.length; k++) {
            if (in[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '-'
                || c == '_';
    }

    /**
     * Returns the Base64 characters that depend only on {@code secret} when it starts {@code offset} bytes into a
     * three-byte block: they appear in the Base64 of any text that holds the secret at such a position.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] shifted = new byte[offset + secret.length];
        System.arraycopy(secret, 0, shifted, offset, secret.length);
        String encoded = encoder.encodeToString(shifted);
        int first = (offset * 8 + 5) / 6;
        int end = shifted.length * 8 / 6;
        return first >= end ? "" : encoded.substring(first, end);
    }

    private static String lowerHex(String encoded) {
        StringBuilder lower = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean hex = i >= 1 && (encoded.charAt(i - 1) == '%' || (i >= 2 && encoded.charAt(i - 2) == '%'));
            lower.append(hex ? Character.toLowerCase(c) : c);
        }
        return lower.toString();
    }

    private static String jsonEscaped(String secret) {
        StringBuilder escaped = new StringBuilder(secret.length() + 8);
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
