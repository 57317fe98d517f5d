package io.switchboard.journal.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Masks the text of XML elements whose local name is one of the configured JSON paths' last names ({@code <cvv>123</cvv>}
 * and {@code <pay:cvv>123</pay:cvv>} for {@code $..cvv}): a textual scan, no parser, so a cut-off body is no problem.
 * Only an element's own text (or CDATA) is masked, not its attributes or child elements.
 */
final class XmlElementMask {
    private static final byte[] CDATA = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);

    private XmlElementMask() {}

    /** Returns whether the body starts, after white space, with {@code <}. */
    static boolean looksLikeXml(byte[] in) {
        for (byte b : in) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /** Returns {@code in} with the text of the named elements masked, or {@code in} itself when there is none. */
    static byte[] mask(byte[] in, List<byte[]> names) {
        if (names.isEmpty()) {
            return in;
        }
        ByteEdits edits = null;
        int n = in.length;
        int i = 0;
        while (i < n) {
            if (in[i] != '<' || i + 1 >= n || !isNameStart(in[i + 1])) {
                i++;
                continue;
            }
            int nameStart = i + 1;
            int nameEnd = nameStart;
            int localStart = nameStart;
            while (nameEnd < n && isNameByte(in[nameEnd])) {
                if (in[nameEnd] == ':') {
                    localStart = nameEnd + 1;
                }
                nameEnd++;
            }
            if (!isNamed(in, localStart, nameEnd, names)) {
                i = nameEnd;
                continue;
            }
            int tagEnd = indexOf(in, (byte) '>', nameEnd);
            if (tagEnd < 0) {
                break;
            }
            if (in[tagEnd - 1] == '/') {
                i = tagEnd + 1;
                continue;
            }
            int textStart = tagEnd + 1;
            int textEnd;
            if (startsWith(in, textStart, CDATA)) {
                int close = indexOf(in, (byte) ']', textStart + CDATA.length);
                while (close >= 0 && !(close + 2 < n && in[close + 1] == ']' && in[close + 2] == '>')) {
                    close = indexOf(in, (byte) ']', close + 1);
                }
                textEnd = close < 0 ? n : close + 3;
            } else {
                textEnd = indexOf(in, (byte) '<', textStart);
                textEnd = textEnd < 0 ? n : textEnd;
            }
            if (!isBlank(in, textStart, textEnd)) {
                if (edits == null) {
                    edits = new ByteEdits();
                }
                edits.replace(textStart, textEnd, SecretValues.STARS);
            }
            i = Math.max(textEnd, i + 1);
        }
        return edits == null ? in : edits.apply(in);
    }

    private static boolean isNamed(byte[] in, int start, int end, List<byte[]> names) {
        for (byte[] name : names) {
            if (Arrays.equals(in, start, end, name, 0, name.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b < 0;
    }

    private static boolean isNameByte(byte b) {
        return isNameStart(b) || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == ':';
    }

    private static boolean isBlank(byte[] in, int start, int end) {
        for (int i = start; i < end; i++) {
            if (in[i] != ' ' && in[i] != '\n' && in[i] != '\r' && in[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] in, int at, byte[] prefix) {
        return in.length - at >= prefix.length && Arrays.equals(in, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] in, byte b, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
