package io.switchboard.config;

import java.time.Duration;

/**
 * How the exchange journal keeps records: {@code journal: { body-limit: 8KiB, retention: 7d }}.
 *
 * @param bodyLimit how much of each body (each way) is kept; default 8KiB
 * @param retention how long records are kept; default 7d
 */
public record JournalConfig(DataSize bodyLimit, Duration retention) {
    public static final JournalConfig DEFAULT = new JournalConfig(DataSize.ofKibibytes(8), Duration.ofDays(7));
}
