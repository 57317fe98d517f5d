package io.switchboard.journal.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The card number (PAN) finder: 13 to 19 digit Luhn-valid numbers, written as one run of digits or as groups joined by
 * single spaces, dashes, {@code +} or {@code %20}, are masked to {@code 4111 **** **** 1111} (first and last four
 * digits kept, separators kept). One forward pass over the bytes, no regular expression, no allocation when nothing is
 * masked.
 */
final class CardNumbers {
    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    /** A cut-off run at the end of a truncated body this long or longer may be the start of a PAN. */
    static final int MIN_CUT_DIGITS = 6;

    /** Digits kept at each end of a PAN (and at the start of a cut-off run). */
    static final int KEPT = 4;

    private static final byte MASK = '*';

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7f7f7f7f7f7f7f7fL;

    /**
     * For {@link #mayHoldOne}, per Latin-1 character: -1 for what may sit inside a card number's span (a digit, a
     * separator, the {@code %} of {@code %20}), which keeps the count of digits so far; 0 for anything else, which
     * starts it again. Characters past Latin-1 are looked up as NUL.
     */
    private static final int[] SPAN = new int[256];

    /** For {@link #mayHoldOne}, per Latin-1 character: 1 for a digit, which adds to the count; 0 for anything else. */
    private static final int[] DIGIT = new int[256];

    static {
        for (int c = 0; c < SPAN.length; c++) {
            boolean digit = c < 0x80 && isDigit((byte) c);
            SPAN[c] = c < 0x80 && isInSpan((byte) c) ? -1 : 0;
            DIGIT[c] = digit ? 1 : 0;
        }
    }

    private CardNumbers() {}

    /**
     * Returns {@code in} with every card number masked, or {@code in} itself when there is none.
     *
     * @param truncated whether the data went on past {@code in}: a run of at least six digits cut off at the end may
     *     then be the start of a card number, and everything but its first four digits is masked
     */
    static byte[] mask(byte[] in, boolean truncated) {
        int start = firstLongSpan(in, truncated);
        return start < 0 ? in : mask(in, truncated, start);
    }

    /** As {@link #mask(byte[], boolean)}, from {@code from} on: no card number may begin before it. */
    static byte[] mask(byte[] in, boolean truncated, int from) {
        byte[] out = in;
        int n = in.length;
        int[] groups = null;
        int i = from;
        while (i < n) {
            if (!isDigit(in[i])) {
                i++;
                continue;
            }
            int runEnd = runEnd(in, i, n);
            int next = nextGroup(in, runEnd, n);
            if (next < 0) {
                out = single(in, out, i, runEnd, truncated && reachesEnd(in, runEnd, n));
                i = runEnd;
                continue;
            }
            // Groups joined by separators: gather them as [start, end) pairs.
            if (groups == null) {
                groups = new int[32];
            }
            int count = 0;
            int start = i;
            int end = runEnd;
            while (true) {
                if (count * 2 + 2 > groups.length) {
                    groups = Arrays.copyOf(groups, groups.length * 2);
                }
                groups[count * 2] = start;
                groups[count * 2 + 1] = end;
                count++;
                if (next < 0) {
                    break;
                }
                start = next;
                end = runEnd(in, start, n);
                next = nextGroup(in, end, n);
            }
            out = grouped(in, out, groups, count, truncated && reachesEnd(in, end, n));
            i = end;
        }
        return out;
    }

    /**
     * Returns where the first span that may hold a card number starts, or -1 when there is none, so that most bodies
     * skip the scan. A span is a run of digits, separators and {@code %}; a card number lies inside one, and one
     * shorter than 13 bytes holds fewer than 13 digits. When {@code truncated}, the last span, if it reaches the end,
     * counts whatever its length (it may be the start of a card number the limit cut).
     *
     * <p>Eight bytes at a time: the scan's branch per byte on whether it is a digit mispredicted all through a JSON
     * body, where digits and letters alternate (1.1 ns a byte, 2.3 µs of the event loop's time for a 2 KiB answer).
     * A run of 13 bytes or more ends in a word that it either fills or enters from the word before, so the runs inside
     * a word need no look.
     */
    static int firstLongSpan(byte[] in, boolean truncated) {
        int n = in.length;
        int run = 0; // span bytes just before i
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long outside = ~spanBytes((long) LONGS.get(in, i)) & HIGH_BITS;
            if (outside == 0) {
                run += Long.BYTES;
                if (run >= MIN_DIGITS) {
                    return i + Long.BYTES - run;
                }
                continue;
            }
            int leading = Long.numberOfTrailingZeros(outside) >>> 3; // span bytes before the word's first other byte
            if (run + leading >= MIN_DIGITS) {
                return i - run;
            }
            run = Long.numberOfLeadingZeros(outside) >>> 3; // span bytes after its last other byte
        }
        for (; i < n; i++) {
            run = isInSpan(in[i]) ? run + 1 : 0;
            if (run >= MIN_DIGITS) {
                return i + 1 - run;
            }
        }
        return truncated && run > 0 ? n - run : -1;
    }

    /**
     * Returns a word whose bytes have their high bit set where the byte is {@linkplain #isInSpan in a span}. Exact
     * byte by byte: on the seven low bits of each byte, each sum stays inside its byte (at most 0x7f + 0x7f), so
     * nothing carries into the next; a byte with its high bit set is no ASCII character and is left out at the end.
     */
    private static long spanBytes(long word) {
        long low = word & LOW_BITS;
        long digits = (low + (0x80 - '0') * ONES) & ~(low + (0x80 - ':') * ONES);
        // A byte's high bit stays set through the sums below only where it differs from every separator.
        long noSeparator = ((low ^ (' ' * ONES)) + LOW_BITS)
                & ((low ^ ('-' * ONES)) + LOW_BITS)
                & ((low ^ ('+' * ONES)) + LOW_BITS)
                & ((low ^ ('%' * ONES)) + LOW_BITS);
        return (digits | ~noSeparator) & ~word & HIGH_BITS;
    }

    /** Returns whether a byte can be part of the span of characters a card number is written with. */
    private static boolean isInSpan(byte b) {
        return isDigit(b) || isSeparator(b) || b == '%';
    }

    /** Returns {@code text} with every card number masked, or {@code text} itself when there is none. */
    // Identity is the point: the same array back means nothing was masked.
    @SuppressWarnings("ReferenceEquality")
    static String mask(String text) {
        if (!mayHoldOne(text)) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] masked = mask(bytes, false);
        return masked == bytes ? text : new String(masked, StandardCharsets.UTF_8);
    }

    /**
     * Returns false when {@code text} cannot hold a card number, so that most values skip the byte copy and the scan.
     * A card number is digits joined only by single separators or {@code %20}: every span of digits, separators and
     * {@code %} with fewer than 13 digits is too short to be one. (The 2 and 0 of {@code %20} count as digits here:
     * the check may send a value to the scan for nothing, never keep one from it.) Hex ids, such as a {@code
     * traceparent} or an {@code X-Request-Id}, have letters among their digits and stop here.
     */
    private static boolean mayHoldOne(String text) {
        if (text.length() < MIN_DIGITS) {
            return false; // most header values: too short to hold thirteen digits at all
        }
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int at = c < SPAN.length ? c : 0;
            // No branch on the character: in hex ids digits and letters alternate at random, and a branch per
            // character mispredicted so often that this check cost more than a microsecond per exchange's headers.
            digits = (digits & SPAN[at]) + DIGIT[at];
            if (digits >= MIN_DIGITS) {
                return true;
            }
        }
        return false;
    }

    private static byte[] single(byte[] in, byte[] out, int start, int end, boolean cut) {
        int length = end - start;
        if (cut && length >= MIN_CUT_DIGITS && length <= MAX_DIGITS) {
            // Even a whole, valid number may go on past the cut: its last four digits could be a longer one's middle.
            return star(in, out, start + KEPT, end);
        }
        if (length >= MIN_DIGITS && length <= MAX_DIGITS && luhn(in, start, end)) {
            return star(in, out, start + KEPT, end - KEPT);
        }
        return out;
    }

    /**
     * Masks the card numbers among the groups {@code [groups[2i], groups[2i+1])}: every span of whole groups with 13
     * to 19 digits that passes Luhn is masked (spans may overlap; the masks add up).
     */
    private static byte[] grouped(byte[] in, byte[] out, int[] groups, int count, boolean cut) {
        byte[] result = out;
        for (int first = 0; first < count; first++) {
            int digits = 0;
            for (int last = first; last < count; last++) {
                digits += groups[last * 2 + 1] - groups[last * 2];
                if (digits > MAX_DIGITS) {
                    break;
                }
                if (digits >= MIN_DIGITS && luhn(in, groups, first, last)) {
                    result = starDigits(in, result, groups, first, last, KEPT, digits - KEPT);
                }
            }
        }
        if (cut) {
            // The last groups may be the start of a card number whose rest was cut off: mask all but the first four
            // digits of the longest tail that still fits in a card number.
            int digits = 0;
            int first = count;
            while (first > 0) {
                int length = groups[(first - 1) * 2 + 1] - groups[(first - 1) * 2];
                if (digits + length > MAX_DIGITS) {
                    break;
                }
                digits += length;
                first--;
            }
            if (first < count && digits >= MIN_CUT_DIGITS) {
                result = starDigits(in, result, groups, first, count - 1, KEPT, digits);
            }
        }
        return result;
    }

    /** Masks the digits numbered {@code [from, to)} (counting from 0 over the groups first..last). */
    private static byte[] starDigits(byte[] in, byte[] out, int[] groups, int first, int last, int from, int to) {
        byte[] result = out;
        int number = 0;
        for (int g = first; g <= last && number < to; g++) {
            int start = groups[g * 2];
            int end = groups[g * 2 + 1];
            int maskFrom = start + Math.max(0, from - number);
            int maskTo = start + Math.min(end - start, to - number);
            if (maskFrom < maskTo) {
                result = star(in, result, maskFrom, maskTo);
            }
            number += end - start;
        }
        return result;
    }

    // Identity is the point: the input is copied once, on the first digit masked.
    @SuppressWarnings("ReferenceEquality")
    private static byte[] star(byte[] in, byte[] out, int from, int to) {
        byte[] result = out == in ? in.clone() : out;
        Arrays.fill(result, from, to, MASK);
        return result;
    }

    private static boolean luhn(byte[] in, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int p = end - 1; p >= start; p--) {
            int d = in[p] - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean luhn(byte[] in, int[] groups, int first, int last) {
        int sum = 0;
        boolean doubled = false;
        for (int g = last; g >= first; g--) {
            for (int p = groups[g * 2 + 1] - 1; p >= groups[g * 2]; p--) {
                int d = in[p] - '0';
                if (doubled) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Returns whether {@code b} may sit between two groups of a card number, alone. */
    static boolean isSeparator(byte b) {
        return b == ' ' || b == '-' || b == '+';
    }

    private static int runEnd(byte[] in, int start, int n) {
        int end = start;
        while (end < n && isDigit(in[end])) {
            end++;
        }
        return end;
    }

    /** Returns where the next group starts when a separator at {@code at} joins a digit on each side, or -1. */
    private static int nextGroup(byte[] in, int at, int n) {
        if (at + 1 < n && isSeparator(in[at]) && isDigit(in[at + 1])) {
            return at + 1;
        }
        if (at + 3 < n && in[at] == '%' && in[at + 1] == '2' && in[at + 2] == '0' && isDigit(in[at + 3])) {
            return at + 3;
        }
        return -1;
    }

    /** Returns whether the digits ending at {@code end} run to the end of the data, but for a separator begun there. */
    private static boolean reachesEnd(byte[] in, int end, int n) {
        return switch (n - end) {
            case 0 -> true;
            case 1 -> isSeparator(in[end]) || in[end] == '%';
            case 2 -> in[end] == '%' && in[end + 1] == '2';
            case 3 -> in[end] == '%' && in[end + 1] == '2' && in[end + 2] == '0';
            default -> false;
        };
    }

    /**
     * Returns where the data can be cut so that no card number can span the cut: just after the last byte that can
     * be no part of one (neither a digit nor a separator), or 0 when there is no such byte.
     */
    static int safeCut(byte[] in, int n) {
        for (int i = n - 1; i >= 0; i--) {
            byte b = in[i];
            if (!isInSpan(b)) {
                return i + 1;
            }
        }
        return 0;
    }
}
