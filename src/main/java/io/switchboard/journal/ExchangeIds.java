package io.switchboard.journal;

import io.switchboard.store.ExchangeRecord;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Makes journal ids: 16 hex digits of the time in microseconds, 4 of this node (random per start) and 8 of a sequence,
 * so ids sort by time and two nodes writing to one database never collide.
 */
final class ExchangeIds {
    private static final HexFormat HEX = HexFormat.of();
    private final String node;
    private final AtomicInteger sequence = new AtomicInteger();

    ExchangeIds(RandomGenerator random) {
        this.node = HEX.toHexDigits((short) random.nextInt(1 << 16));
    }

    String next(long timeMicros) {
        return ExchangeRecord.idFloor(timeMicros) + node + HEX.toHexDigits(sequence.getAndIncrement());
    }
}
