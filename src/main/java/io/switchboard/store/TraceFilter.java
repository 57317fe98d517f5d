package io.switchboard.store;

import java.util.Collection;

/**
 * A Bloom filter of one write batch's trace ids (SQLite's {@code exchange_batch_trace.filter}, store version 8): tells
 * a trace lookup which batches cannot hold the trace, so only the few that may are read.
 *
 * <p>Why not a B-tree index on the trace id: trace ids are random, so each record's index entry lands on a random page
 * of the index, and a batch of a thousand records rewrote several hundred pages at every commit (see {@link
 * TraceFilterMigration}). A filter is written once per batch, appended like the rows. A lookup pays instead: it reads
 * every batch's filter (about 2 KB per thousand records).
 *
 * <p>Layout: one byte naming the layout ({@value #LAYOUT}), then the bit array, sixteen bits per trace id; eleven
 * bits are set per id (about 0.05% false positives). Built on the writer, read by any node: the layout is part of the
 * file format, and a filter of an unknown layout is taken to hold every trace (its batch is read). Layout 2 (store
 * versions 8 and 9) had ten bits per id and seven set (about 1%): read as it was written. Why fewer false positives
 * since version 10: a batch let through is now a packed batch fetched and decoded whole, about a millisecond, where a
 * row range filtered by SQLite took a fraction; at 10 million records, 1% of the batches was a hundred of them.
 */
final class TraceFilter {
    /**
     * This layout: positions from the id's {@code String.hashCode} (fixed by the Java language, so the same on every
     * node; the writer's set of distinct ids has computed it already), mixed, then spread over the bits by a multiply
     * rather than a division. Layout 7 (the hash count, written by version 8's first form, on main for a few hours of
     * 2026-11-27) placed its bits otherwise: read as unknown, so its batches are read whatever the trace.
     */
    private static final byte LAYOUT = 3;

    private static final int HASHES = 11;
    private static final int BITS_PER_TRACE = 16;

    /** Layout 2, read as written: the same placement of bits, seven per id. */
    private static final byte LAYOUT_2 = 2;

    private static final int LAYOUT_2_HASHES = 7;

    private TraceFilter() {}

    /** Returns the filter of these distinct trace ids (an empty collection gives a filter that holds nothing). */
    static byte[] of(Collection<String> traceIds) {
        int bytes = Math.max(8, (traceIds.size() * BITS_PER_TRACE + 7) / 8);
        byte[] filter = new byte[1 + bytes];
        filter[0] = LAYOUT;
        long bits = bytes * 8L;
        for (String traceId : traceIds) {
            long hash = mix(traceId.hashCode());
            for (int i = 0; i < HASHES; i++) {
                int bit = bit(hash, i, bits);
                filter[1 + (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return filter;
    }

    /** Returns false when the batch certainly holds no record of the trace; true when it may. */
    static boolean mayContain(byte[] filter, String traceId) {
        if (filter.length < 2 || (filter[0] != LAYOUT && filter[0] != LAYOUT_2)) {
            return true; // not a filter this code can read: the batch must be read
        }
        int hashes = filter[0] == LAYOUT ? HASHES : LAYOUT_2_HASHES;
        long bits = (filter.length - 1) * 8L;
        long hash = mix(traceId.hashCode());
        for (int i = 0; i < hashes; i++) {
            int bit = bit(hash, i, bits);
            if ((filter[1 + (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code i}th of an id's bits: double hashing (low half + i × odd high half, 32 bits), scaled to {@code bits}
     * by a multiply and shift, which spreads as evenly as a remainder and costs a fraction of a 64-bit division.
     */
    private static int bit(long hash, int i, long bits) {
        int position = (int) hash + i * ((int) (hash >>> 32) | 1);
        return (int) (((position & 0xffffffffL) * bits) >>> 32);
    }

    /**
     * MurmurHash3's 64-bit finaliser: every input bit changes about half of the output bits, so ids whose hash codes
     * differ little still land on unrelated bits.
     */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53cd3c3L;
        h ^= h >>> 33;
        return h;
    }
}
