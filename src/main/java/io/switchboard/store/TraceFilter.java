package io.switchboard.store;

import java.util.Collection;

/**
 * A Bloom filter of one write batch's trace ids (SQLite's {@code exchange_batch.traces}, db/sqlite V8): tells a trace
 * lookup which batches cannot hold the trace, so only the few that may are read.
 *
 * <p>Why not a B-tree index on the trace id: trace ids are random, so each record's index entry lands on a random page
 * of the index, and a batch of a thousand records rewrote several hundred pages at every commit (measured: about 2.6
 * µs of the writer's CPU per record on a small journal, more as the file grows). A filter is written once per batch,
 * appended like the rows. A lookup pays instead: it reads every batch's filter (about 1.3 KB per thousand records).
 *
 * <p>Layout: one byte holding the number of hash functions, then the bit array, ten bits per trace id (about 1% false
 * positives with seven hash functions). Built on the writer, read by any node; the layout is part of the file format.
 */
final class TraceFilter {
    private static final int HASHES = 7;
    private static final int BITS_PER_TRACE = 10;

    private TraceFilter() {}

    /** Returns the filter of these distinct trace ids (an empty collection gives a filter that holds nothing). */
    static byte[] of(Collection<String> traceIds) {
        int bytes = Math.max(8, (traceIds.size() * BITS_PER_TRACE + 7) / 8);
        byte[] filter = new byte[1 + bytes];
        filter[0] = HASHES;
        long bits = bytes * 8L;
        for (String traceId : traceIds) {
            long first = hash(traceId);
            long step = second(first);
            for (int i = 0; i < HASHES; i++) {
                int bit = (int) Long.remainderUnsigned(first + i * step, bits);
                filter[1 + (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return filter;
    }

    /** Returns false when the batch certainly holds no record of the trace; true when it may. */
    static boolean mayContain(byte[] filter, String traceId) {
        if (filter.length < 2) {
            return true; // not a filter this code wrote: the batch must be read
        }
        int hashes = filter[0];
        long bits = (filter.length - 1) * 8L;
        long first = hash(traceId);
        long step = second(first);
        for (int i = 0; i < hashes; i++) {
            int bit = (int) Long.remainderUnsigned(first + i * step, bits);
            if ((filter[1 + (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 64-bit hash of the id's characters. Not {@code String.hashCode}: its 32 bits and weak mixing would make ids
     * that differ in one character collide in the filter far more often than chance.
     */
    private static long hash(String traceId) {
        long hash = 0xcbf29ce484222325L; // FNV-1a over the characters, then a full avalanche
        for (int i = 0; i < traceId.length(); i++) {
            hash = (hash ^ traceId.charAt(i)) * 0x100000001b3L;
        }
        return mix(hash);
    }

    /** The step of double hashing (bit i is first + i * step): derived from the first hash, never zero. */
    private static long second(long first) {
        return mix(first ^ 0x9e3779b97f4a7c15L) | 1;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit changes about half of the output bits. */
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
