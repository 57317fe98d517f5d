package io.switchboard.store;

/**
 * How many rows one retention pass deleted, by table.
 *
 * @param events events deleted
 * @param checkResults check results deleted
 * @param resourceReadings resource readings deleted
 */
public record DeletedRows(long events, long checkResults, long resourceReadings) {
    /** Returns the rows deleted in all. */
    public long total() {
        return events + checkResults + resourceReadings;
    }
}
