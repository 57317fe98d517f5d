package io.switchboard.journal.mask;

import java.util.Arrays;

/**
 * The streaming form of card number masking: fed a body chunk by chunk, it returns each chunk masked as the whole body
 * would be, holding back the tail of a chunk that may continue into the next (a run of digits and separators, rarely
 * more than a few dozen bytes). Not thread-safe: one scanner per body.
 */
public final class CardNumberScanner {
    /**
     * A held-back tail longer than this (kilobytes of nothing but digits and separators) is let go, masked as if cut
     * off, so that memory stays bounded.
     */
    static final int MAX_HELD = 4096;

    private static final byte[] EMPTY = new byte[0];

    private byte[] held = EMPTY;

    /** Returns the masked bytes that can be let go after {@code chunk}: possibly fewer or more than it holds. */
    public byte[] next(byte[] chunk) {
        byte[] data = held.length == 0 ? chunk : concat(held, chunk);
        int cut = CardNumbers.safeCut(data, data.length);
        if (cut == data.length) {
            held = EMPTY;
            return CardNumbers.mask(data, false);
        }
        if (data.length - cut > MAX_HELD) {
            held = EMPTY;
            return CardNumbers.mask(data, true);
        }
        held = Arrays.copyOfRange(data, cut, data.length);
        return cut == 0 ? EMPTY : CardNumbers.mask(Arrays.copyOfRange(data, 0, cut), false);
    }

    /**
     * Returns the masked rest held back, once the body has ended.
     *
     * @param truncated whether the body went on past what was fed (a cut-off run may be the start of a card number)
     */
    public byte[] finish(boolean truncated) {
        byte[] rest = held;
        held = EMPTY;
        return rest.length == 0 ? EMPTY : CardNumbers.mask(rest, truncated);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
