package io.switchboard.journal;

import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.journal.mask.Masker;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.UpstreamFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the journal keeps of one proxied exchange while it runs: the first bytes of each body (teed, never buffered
 * whole) and, at the end, the record, masked on the event loop before it is queued. Used on one event loop only.
 */
public final class Capture {
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
        JsonText detail = new JsonText().beginObject().name("attempts").beginArray();
        for (Exchange.Attempt attempt : attempts) {
            UpstreamFailure failure = attempt.failure();
            detail.beginObject().name("endpoint").value(attempt.endpoint()).name("status");
            if (attempt.status() == 0) {
                detail.nullValue();
            } else {
                detail.value(attempt.status());
            }
            detail.name("error")
                    .value(failure == null ? null : failure.code())
                    .name("startUs")
                    .value((attempt.startNanos() - exchange.startNanos()) / 1000)
                    .name("durationUs")
                    .value(attempt.durationNanos() / 1000)
                    .endObject();
        }
        detail.endArray().name("request").beginObject();
        headers(detail, masker, exchange.headers());
        body(detail, masker, keepBodies ? in : null, requestType);
        detail.endObject().name("response");
        if (gone) {
            detail.nullValue();
        } else {
            detail.beginObject();
            headers(detail, masker, responseHeaders);
            body(detail, masker, keepBodies ? out : null, responseHeaders.get("Content-Type"));
            detail.endObject();
        }
        detail.endObject();
        boolean queued = journal.offer(new io.switchboard.store.ExchangeRecord(
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
                detail.toString()));
        if (queued && !keepBodies && (bytesIn > 0 || bytesOut > 0)) {
            // Counted once the record is in: a record the full queue refused counts as a dropped record only.
            journal.droppedBody();
        }
    }

    private static void headers(JsonText detail, Masker masker, MultiMap headers) {
        detail.name("headers").beginArray();
        for (Map.Entry<String, String> header : headers) {
            detail.beginArray()
                    .value(header.getKey())
                    .value(masker.header(header.getKey(), header.getValue()))
                    .endArray();
        }
        detail.endArray();
    }

    /** Writes the body captured by {@code tap}, or null when none was kept or there was none. */
    private static void body(JsonText detail, Masker masker, @Nullable BodyTap tap, @Nullable String contentType) {
        detail.name("body");
        if (tap == null || tap.seen() == 0) {
            detail.nullValue();
            return;
        }
        byte[] masked = masker.body(tap.kept(), tap.truncated(), contentType);
        String text = isText(contentType) ? utf8(masked, tap.truncated()) : null;
        detail.beginObject()
                .name("size")
                .value(tap.seen())
                .name("contentType")
                .value(contentType)
                .name("truncated")
                .value(tap.truncated())
                .name("encoding")
                .value(text != null ? "utf-8" : "base64")
                .name("data")
                .value(text != null ? text : Base64.getEncoder().encodeToString(masked))
                .endObject();
    }

    /** Returns whether a body of this type may be shown as text (when it decodes as UTF-8). */
    private static boolean isText(@Nullable String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("x-www-form-urlencoded")
                || type.contains("javascript")
                || type.contains("graphql")
                || type.contains("yaml");
    }

    /**
     * Returns the bytes as UTF-8 text, or null when they are not UTF-8; a truncated body may end inside a character,
     * whose bytes are then left out.
     */
    static @Nullable String utf8(byte[] bytes, boolean truncated) {
        int cut = truncated ? Math.min(3, bytes.length) : 0;
        for (int drop = 0; drop <= cut; drop++) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, bytes.length - drop))
                        .toString();
            } catch (CharacterCodingException e) {
                // Try again without the last byte: it may be the start of a character the limit cut.
            }
        }
        return null;
    }
}
