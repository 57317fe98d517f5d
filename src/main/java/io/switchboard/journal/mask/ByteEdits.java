package io.switchboard.journal.mask;

import java.util.Arrays;

/**
 * Replacements of byte ranges collected in order while scanning a buffer, applied in one copy at the end; a scan that
 * finds nothing never creates one, so an unchanged buffer is returned as is.
 */
final class ByteEdits {
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private byte[][] replacements = new byte[8][];
    private int count;

    /** Returns the end of the last range replaced, or 0 when there is none. */
    int lastEnd() {
        return count == 0 ? 0 : ends[count - 1];
    }

    /**
     * Replaces {@code [start, end)} with {@code replacement}; ranges come in ascending order, and a range that starts
     * inside the previous one is merged into it (the earlier replacement stands, stretched to cover both).
     */
    void replace(int start, int end, byte[] replacement) {
        if (count > 0 && start < ends[count - 1]) {
            ends[count - 1] = Math.max(ends[count - 1], end);
            return;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            replacements = Arrays.copyOf(replacements, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        replacements[count] = replacement;
        count++;
    }

    /** Returns {@code source} with every replacement made. */
    byte[] apply(byte[] source) {
        int length = source.length;
        for (int i = 0; i < count; i++) {
            length += replacements[i].length - (ends[i] - starts[i]);
        }
        byte[] result = new byte[length];
        int from = 0;
        int to = 0;
        for (int i = 0; i < count; i++) {
            int kept = starts[i] - from;
            System.arraycopy(source, from, result, to, kept);
            to += kept;
            System.arraycopy(replacements[i], 0, result, to, replacements[i].length);
            to += replacements[i].length;
            from = ends[i];
        }
        System.arraycopy(source, from, result, to, source.length - from);
        return result;
    }
}
