package io.switchboard.testing;

import io.switchboard.store.ExchangeRecord;
import org.jspecify.annotations.Nullable;

/** Journal records for store tests: a plain proxied GET to "courier" answered 200, with what a test varies. */
public final class JournalRecords {
    private JournalRecords() {}

    /** Returns the id of record {@code n} of node {@code node} (4 hex digits) started at {@code micros}. */
    public static String id(long micros, String node, long n) {
        return ExchangeRecord.idFloor(micros) + node + String.format("%08x", n);
    }

    /**
     * Returns a record.
     *
     * @param id its id (see {@link #id})
     * @param micros when it started
     * @param target its path and query
     * @param durationMicros how long it took
     * @param detail its detail JSON, or null for none
     */
    public static ExchangeRecord proxied(
            String id, long micros, String target, long durationMicros, @Nullable String detail) {
        return proxied(id, micros, null, target, durationMicros, detail);
    }

    /** Returns a record of trace {@code traceId} (or of none, when null), otherwise as the one above. */
    public static ExchangeRecord proxied(
            String id,
            long micros,
            @Nullable String traceId,
            String target,
            long durationMicros,
            @Nullable String detail) {
        return new ExchangeRecord(
                id,
                micros,
                "proxy",
                traceId,
                null,
                null,
                "courier",
                null,
                null,
                "GET",
                target,
                200,
                null,
                1,
                durationMicros,
                900L,
                0,
                0,
                detail);
    }
}
