package io.switchboard.config;

import java.time.Duration;

/**
 * How the exchange journal keeps records: {@code journal: { enabled: true, body-limit: 8KiB, retention: 7d, max-size:
 * 1GiB, queue-size: 20000 }}.
 *
 * @param enabled whether exchanges are captured at all; default true (off: nothing is captured, nothing costs)
 * @param bodyLimit how much of each body (each way) is kept; default 8KiB
 * @param retention how long records are kept; default 7d
 * @param maxSize how much of a SQLite store the journal may fill before its oldest records go; default 1GiB
 * @param queueSize how many records may wait for the writer; past half of it bodies are dropped, past 80% records are
 *     sampled, when full they are dropped; default 20000
 */
public record JournalConfig(boolean enabled, DataSize bodyLimit, Duration retention, DataSize maxSize, int queueSize) {
    public static final JournalConfig DEFAULT =
            new JournalConfig(true, DataSize.ofKibibytes(8), Duration.ofDays(7), DataSize.ofMebibytes(1024), 20_000);

    /** Returns the journal with the given body limit and retention and the defaults for the rest. */
    public JournalConfig(DataSize bodyLimit, Duration retention) {
        this(true, bodyLimit, retention, DEFAULT.maxSize(), DEFAULT.queueSize());
    }
}
