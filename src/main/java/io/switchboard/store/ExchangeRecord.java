package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * One journal record: an exchange's narrow, filterable facts and its masked details as JSON text.
 *
 * @param id made by the journal: 16 hex digits of {@code timeMicros}, then a node-and-sequence suffix; sorts by time
 * @param timeMicros when the exchange started, microseconds since the epoch
 * @param kind {@code proxy}, {@code check} or {@code resource}
 * @param traceId the W3C trace id, or null
 * @param requestId the {@code X-Request-Id}, or null
 * @param caller the calling service, or null when anonymous
 * @param connector the connector's id
 * @param capability the capability the call was routed by, or null
 * @param endpoint the upstream endpoint of the last attempt, or null when none was tried
 * @param method the HTTP method
 * @param target the masked path and query the caller asked for
 * @param status the status the caller got, or null when no response came
 * @param error the gateway's error kind ({@code Switchboard-Error}), or null
 * @param attempts how many upstream attempts were made
 * @param durationMicros how long the whole exchange took
 * @param upstreamMicros how long the provider took to answer (last attempt), or null when it never answered
 * @param bytesIn request body bytes seen
 * @param bytesOut response body bytes seen
 * @param detail the masked attempts, headers and bodies as JSON text (see V2__journal.sql); null when not loaded
 */
public record ExchangeRecord(
        String id,
        long timeMicros,
        String kind,
        @Nullable String traceId,
        @Nullable String requestId,
        @Nullable String caller,
        String connector,
        @Nullable String capability,
        @Nullable String endpoint,
        String method,
        String target,
        @Nullable Integer status,
        @Nullable String error,
        int attempts,
        long durationMicros,
        @Nullable Long upstreamMicros,
        long bytesIn,
        long bytesOut,
        @Nullable String detail) {
    public ExchangeRecord {
        requireNonNull(id, "id");
        requireNonNull(kind, "kind");
        requireNonNull(connector, "connector");
        requireNonNull(method, "method");
        requireNonNull(target, "target");
    }

    /** Returns the record with other details (or none, when the journal sheds load). */
    public ExchangeRecord withDetail(@Nullable String newDetail) {
        return new ExchangeRecord(
                id,
                timeMicros,
                kind,
                traceId,
                requestId,
                caller,
                connector,
                capability,
                endpoint,
                method,
                target,
                status,
                error,
                attempts,
                durationMicros,
                upstreamMicros,
                bytesIn,
                bytesOut,
                newDetail);
    }

    /** Returns the id prefix that every record from {@code timeMicros} on sorts at or after. */
    public static String idFloor(long timeMicros) {
        return HexFormat.of().toHexDigits(Math.max(0, timeMicros));
    }
}
