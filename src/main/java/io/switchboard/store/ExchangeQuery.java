package io.switchboard.store;

import org.jspecify.annotations.Nullable;

/**
 * Which journal records to list, newest first. Every filter is optional (null for none).
 *
 * @param connector only this connector
 * @param caller only this caller; {@link #ANONYMOUS} for calls without one
 * @param status only this exact status
 * @param statusClass only statuses of this class: 5 for 5xx
 * @param error only this gateway error kind
 * @param traceId only this trace
 * @param sinceMicros only records from this time on
 * @param untilMicros only records before this time
 * @param targetContains only records whose target contains this text (case-insensitive)
 * @param limit at most this many records, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link ExchangePage#next()} of the previous page
 */
public record ExchangeQuery(
        @Nullable String connector,
        @Nullable String caller,
        @Nullable Integer status,
        @Nullable Integer statusClass,
        @Nullable String error,
        @Nullable String traceId,
        @Nullable Long sinceMicros,
        @Nullable Long untilMicros,
        @Nullable String targetContains,
        int limit,
        @Nullable String cursor) {
    /** The most records one page may hold. */
    public static final int MAX_LIMIT = 1000;

    /** The caller name that selects calls made without one. */
    public static final String ANONYMOUS = "anonymous";

    public ExchangeQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit " + limit + " is out of range (expected: 1 to " + MAX_LIMIT + ")");
        }
        if (cursor != null && !isId(cursor)) {
            throw new IllegalArgumentException(
                    "cursor \"" + cursor + "\" is not one this journal gave out (expected: the next of a page)");
        }
    }

    /** Returns a query for the newest {@code limit} records. */
    public static ExchangeQuery newest(int limit) {
        return new ExchangeQuery(null, null, null, null, null, null, null, null, null, limit, null);
    }

    /** Returns this query for the page after the one whose last record had {@code id}. */
    public ExchangeQuery after(String id) {
        return new ExchangeQuery(
                connector,
                caller,
                status,
                statusClass,
                error,
                traceId,
                sinceMicros,
                untilMicros,
                targetContains,
                limit,
                id);
    }

    /** Returns this query with another page size. */
    public ExchangeQuery withLimit(int newLimit) {
        return new ExchangeQuery(
                connector,
                caller,
                status,
                statusClass,
                error,
                traceId,
                sinceMicros,
                untilMicros,
                targetContains,
                newLimit,
                cursor);
    }

    /** Returns whether {@code text} looks like a journal id (hex digits only, at least 16). */
    public static boolean isId(String text) {
        if (text.length() < 16 || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
