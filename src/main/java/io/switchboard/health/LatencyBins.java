package io.switchboard.health;

/**
 * The latency histogram's bins: one under a millisecond, then four per doubling from 1.024 ms to 67 s (each about 20%
 * wide), then one for anything longer. Finding a value's bin takes a leading-zero count and two shifts.
 */
final class LatencyBins {
    /** How many bins there are. */
    static final int COUNT = 66;

    /** The first doubling starts at 2^10 µs (1.024 ms); below it is bin 0. */
    private static final int FIRST_EXPONENT = 10;

    /** The last doubling ends at 2^26 µs (67 s); at and above it is the last bin. */
    private static final int END_EXPONENT = 26;

    private LatencyBins() {}

    /** Returns the bin of a latency in nanoseconds; negative values fall into bin 0. */
    static int of(long nanos) {
        long micros = nanos / 1000;
        if (micros < (1L << FIRST_EXPONENT)) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent >= END_EXPONENT) {
            return COUNT - 1;
        }
        int quarter = (int) (micros >>> (exponent - 2)) & 3;
        return 1 + (exponent - FIRST_EXPONENT) * 4 + quarter;
    }

    /** Returns the smallest latency in the bin, in microseconds. */
    static long lowerMicros(int bin) {
        if (bin == 0) {
            return 0;
        }
        if (bin == COUNT - 1) {
            return 1L << END_EXPONENT;
        }
        int exponent = FIRST_EXPONENT + (bin - 1) / 4;
        return (4L + (bin - 1) % 4) << (exponent - 2);
    }

    /** Returns the end of the bin (exclusive) in microseconds; the last bin has no end and gives its start. */
    static long upperMicros(int bin) {
        if (bin == COUNT - 1) {
            return lowerMicros(bin);
        }
        return lowerMicros(bin + 1);
    }

    /**
     * Returns the latency below which {@code quantile} of the counted values lie, in microseconds, interpolated
     * within its bin; -1 when nothing was counted.
     *
     * @param counts how many values each bin holds
     * @param quantile from 0 to 1, such as 0.95
     */
    static double quantileMicros(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long below = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            long count = counts[bin];
            if (count > 0 && below + count >= rank) {
                long lower = lowerMicros(bin);
                long width = upperMicros(bin) - lower;
                // The values of a bin are taken as spread evenly across it; the rank's share picks its place.
                return lower + width * ((rank - below - 0.5) / count);
            }
            below += count;
        }
        return lowerMicros(COUNT - 1);
    }
}
