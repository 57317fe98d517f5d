package io.switchboard.journal;

import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.journal.mask.Masker;
import io.switchboard.pipeline.Exchange;
import io.switchboard.store.ExchangeRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What the journal keeps of one proxied exchange while it runs: the first bytes of each body (teed, never buffered
 * whole) and, at the end, the record, masked on the event loop before it is queued (its detail as masked parts, which
 * the writer renders as JSON: {@link MaskedDetail}). Used on one event loop only.
 */
public final class Capture {
    /** Room for eight headers, names and values: most requests and answers through a gateway have about that many. */
    private static final int HEADER_ROOM = 16;

    private final Journal journal;
    private final SwitchboardConfig config;
    private final int bodyLimit;
    private final String id;
    private final long timeMicros;
    private final String target;
    private @Nullable String capability;
    private @Nullable BodyTap requestBody;
    private @Nullable String requestType;
    private @Nullable BodyTap responseBody;
    private boolean finished;

    Capture(Journal journal, SwitchboardConfig config, int bodyLimit, String id, long timeMicros, String target) {
        this.journal = journal;
        this.config = config;
        this.bodyLimit = bodyLimit;
        this.id = id;
        this.timeMicros = timeMicros;
        this.target = target;
    }

    /** Returns the record's id. */
    public String id() {
        return id;
    }

    /** Notes the capability the call was routed by ({@code /~capability/...}). */
    public void capability(@Nullable String name) {
        this.capability = name;
    }

    /** Returns the caller's request body stream, teed into the journal up to the body limit. */
    public ReadStream<Buffer> request(ReadStream<Buffer> body, @Nullable String contentType) {
        BodyTap tap = new BodyTap(body, bodyLimit);
        requestBody = tap;
        requestType = contentType;
        return tap;
    }

    /** Returns the response body stream on its way to the caller, teed into the journal up to the body limit. */
    public ReadStream<Buffer> response(ReadStream<Buffer> body) {
        BodyTap tap = new BodyTap(body, bodyLimit);
        responseBody = tap;
        return tap;
    }

    /**
     * Ends the capture and queues the masked record; later calls do nothing.
     *
     * @param exchange the exchange as it ended (its attempts, the headers sent upstream)
     * @param connector the connector the call ended at (a capability's call may move), whose mask rules apply
     * @param status the status the caller got
     * @param outcome the proxy's outcome label: {@code ok} or {@code upstream-error} for a relayed answer,
     *     {@code caller-gone} when the caller left before an answer, or the gateway's error kind
     * @param responseHeaders the headers the caller got
     * @param upstreamNanos how long the provider took to answer, or -1 when it never did
     */
    public void finish(
            Exchange exchange,
            ConnectorConfig connector,
            int status,
            String outcome,
            MultiMap responseHeaders,
            long upstreamNanos) {
        if (finished) {
            return;
        }
        finished = true;
        Journal.Admission admission = journal.admit();
        if (admission == Journal.Admission.DROP) {
            return;
        }
        Masker masker = journal.masker(config, connector);
        boolean gone = outcome.equals("caller-gone");
        boolean relayed = outcome.equals("ok") || outcome.equals("upstream-error");
        long now = System.nanoTime();
        List<Exchange.Attempt> attempts = exchange.attempts();
        String endpoint = attempts.isEmpty() ? null : attempts.getLast().endpoint();
        long upstream = upstreamNanos >= 0
                ? upstreamNanos
                : attempts.isEmpty() || attempts.getLast().failure() != null
                        ? -1
                        : attempts.getLast().durationNanos();
        BodyTap in = requestBody;
        BodyTap out = responseBody;
        long bytesIn = in == null ? 0 : in.seen();
        long bytesOut = out == null ? 0 : out.seen();
        boolean keepBodies = admission == Journal.Admission.FULL;
        MaskedPairs answered = gone ? null : masked(masker, responseHeaders);
        MaskedDetail detail = new MaskedDetail(
                List.copyOf(attempts),
                exchange.startNanos(),
                masked(masker, exchange.headers()).toArray(),
                keepBodies ? body(masker, in, requestType) : null,
                answered == null ? null : answered.toArray(),
                keepBodies && answered != null ? body(masker, out, answered.contentType()) : null);
        boolean queued = journal.offer(
                new ExchangeRecord(
                        id,
                        timeMicros,
                        "proxy",
                        exchange.trace().traceId(),
                        exchange.requestId(),
                        exchange.caller(),
                        exchange.connector(),
                        capability,
                        endpoint,
                        exchange.method().name(),
                        masker.pathAndQuery(target),
                        gone || status <= 0 ? null : status,
                        relayed ? null : outcome,
                        attempts.size(),
                        (now - exchange.startNanos()) / 1000,
                        upstream < 0 ? null : upstream / 1000,
                        bytesIn,
                        bytesOut,
                        null),
                detail);
        if (queued && !keepBodies && (bytesIn > 0 || bytesOut > 0)) {
            // Counted once the record is in: a record the full queue refused counts as a dropped record only.
            journal.droppedBody();
        }
    }

    /** Masks the headers, in their order. */
    private static MaskedPairs masked(Masker masker, MultiMap headers) {
        // forEach, not an iterator: Vert.x's iterator wraps every header in a new entry object (about 30% of what the
        // journal allocated per call on the event loop); its forEach walks the headers as they are.
        MaskedPairs pairs = new MaskedPairs(masker);
        headers.forEach(pairs);
        return pairs;
    }

    /** Collects headers as name, masked value, name, masked value…, and notes the first Content-Type as it was. */
    private static final class MaskedPairs implements BiConsumer<String, String> {
        private static final String CONTENT_TYPE = "Content-Type";

        private final Masker masker;
        // Not sized by headers.size(): Vert.x counts the distinct names by building a set of them.
        private String[] pairs = new String[HEADER_ROOM];
        private int count;
        // Noted on the way rather than asked of the headers after: a lookup by name hashed it again (~0.3 µs a call).
        private @Nullable String contentType;

        MaskedPairs(Masker masker) {
            this.masker = masker;
        }

        @Override
        public void accept(String name, String value) {
            if (count == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[count++] = name;
            pairs[count++] = masker.header(name, value);
            if (contentType == null && CONTENT_TYPE.equalsIgnoreCase(name)) {
                contentType = value;
            }
        }

        String[] toArray() {
            return count == pairs.length ? pairs : Arrays.copyOf(pairs, count);
        }

        /** Returns the first Content-Type header's value, unmasked (it decides how the body is read), or null. */
        @Nullable
        String contentType() {
            return contentType;
        }
    }

    /** Returns the body captured by {@code tap} masked, or null when there was none. */
    private static MaskedDetail.@Nullable Body body(
            Masker masker, @Nullable BodyTap tap, @Nullable String contentType) {
        if (tap == null || tap.seen() == 0) {
            return null;
        }
        byte[] masked = masker.body(tap.kept(), tap.truncated(), contentType);
        return new MaskedDetail.Body(tap.seen(), contentType, tap.truncated(), masked);
    }
}
