package io.switchboard.journal;

/**
 * The journal's counters, for {@code /health/ready} and tests.
 *
 * @param queued records waiting for the writer now
 * @param written records the store took since start
 * @param droppedBodies records kept without their bodies because the writer was behind
 * @param droppedRecords records lost: sampled away or refused by a full queue, or not taken by an unavailable store
 */
public record JournalCounts(long queued, long written, long droppedBodies, long droppedRecords) {}
