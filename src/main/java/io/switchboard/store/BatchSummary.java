package io.switchboard.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What SQLite's batch index (db/sqlite V7 and V8) keeps of one write batch: enough to tell, for any filter, whether the
 * batch may hold a match, and where a newest-first reading of the journal may stop.
 *
 * @param minId the smallest record id (when the batch's oldest call started)
 * @param endedMicros the latest end (start + duration) among its records
 * @param keys one key per distinct filter value among its records (see {@link #connectorKey} and its siblings)
 * @param traceFilter the {@link TraceFilter} of its distinct trace ids
 */
// The filter's bytes go straight to the database; a summary is never compared or used as a key.
@SuppressWarnings("ArrayRecordComponent")
record BatchSummary(String minId, long endedMicros, Set<String> keys, byte[] traceFilter) {
    BatchSummary {
        keys = Set.copyOf(keys);
    }

    /** Summarises a non-empty batch. */
    static BatchSummary of(List<ExchangeRecord> batch) {
        String minId = batch.getFirst().id();
        long ended = Long.MIN_VALUE;
        // The distinct values first, and their keys once each: every proxied exchange passes through here.
        Set<String> connectors = new HashSet<>();
        Set<@Nullable String> callers = new HashSet<>();
        Set<Integer> statuses = new HashSet<>();
        Set<String> errors = new HashSet<>();
        Set<String> traceIds = new HashSet<>();
        for (ExchangeRecord record : batch) {
            if (record.id().compareTo(minId) < 0) {
                minId = record.id();
            }
            ended = Math.max(ended, record.timeMicros() + record.durationMicros());
            connectors.add(record.connector());
            callers.add(record.caller());
            Integer status = record.status();
            if (status != null) {
                statuses.add(status);
            }
            String error = record.error();
            if (error != null) {
                errors.add(error);
            }
            String traceId = record.traceId();
            if (traceId != null) {
                traceIds.add(traceId);
            }
        }
        Set<String> keys = new HashSet<>();
        connectors.forEach(connector -> keys.add(connectorKey(connector)));
        callers.forEach(caller -> keys.add(callerKey(caller)));
        statuses.forEach(status -> {
            keys.add(statusKey(status));
            keys.add(classKey(status / 100));
        });
        errors.forEach(error -> keys.add(errorKey(error)));
        return new BatchSummary(minId, ended, keys, TraceFilter.of(traceIds));
    }

    static String connectorKey(String connector) {
        return "connector=" + connector;
    }

    /** The key of calls made by {@code caller}, or of calls made without a caller when null. */
    static String callerKey(@Nullable String caller) {
        return caller == null ? "caller" : "caller=" + caller;
    }

    static String statusKey(int status) {
        return "status=" + status;
    }

    static String classKey(int statusClass) {
        return "class=" + statusClass;
    }

    static String errorKey(String error) {
        return "error=" + error;
    }
}
