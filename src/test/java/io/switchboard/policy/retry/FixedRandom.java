package io.switchboard.policy.retry;

import java.util.random.RandomGenerator;

/** A "random" source that always draws the same fraction, so a test knows the jitter. */
record FixedRandom(double fraction) implements RandomGenerator {
    @Override
    public long nextLong() {
        return (long) (fraction * Long.MAX_VALUE);
    }

    @Override
    public double nextDouble() {
        return fraction;
    }
}
