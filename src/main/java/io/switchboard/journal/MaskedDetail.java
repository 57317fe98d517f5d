package io.switchboard.journal;

import io.switchboard.journal.mask.Masker;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.UpstreamFailure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The detail of one proxied exchange as the event loop leaves it: every header value and body already masked, not yet
 * written as JSON. The journal's writer renders it ({@link #json}) just before storing it.
 *
 * <p>Why not render on the event loop: the event loop is the proxy's bottleneck, and writing the JSON (quoting every
 * header, decoding bodies) was about half of the journal's work there. Masking stays on the event loop, so nothing
 * unmasked is ever queued; what moves to the writer is only formatting.
 *
 * @param attempts the upstream attempts (a copy: a call the caller left may still record one)
 * @param startNanos when the exchange started, for each attempt's offset
 * @param requestHeaders the headers sent upstream, masked: name, value, name, value…
 * @param requestBody the request body kept, masked, or null when none was kept
 * @param responseHeaders the headers the caller got, masked, or null when the caller left before an answer
 * @param responseBody the response body kept, masked, or null when none was kept
 */
// The arrays are made for this detail alone and never compared.
@SuppressWarnings("ArrayRecordComponent")
record MaskedDetail(
        List<Exchange.Attempt> attempts,
        long startNanos,
        String[] requestHeaders,
        @Nullable Body requestBody,
        String @Nullable [] responseHeaders,
        @Nullable Body responseBody) {

    /**
     * A body as the journal keeps it.
     *
     * @param size how many bytes passed
     * @param contentType its declared type, or null
     * @param truncated whether more passed than was kept
     * @param masked the bytes kept, masked
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Body(long size, @Nullable String contentType, boolean truncated, byte[] masked) {}

    /** Returns the detail as the JSON text described in V2__journal.sql. */
    String json() {
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
                    .value((attempt.startNanos() - startNanos) / 1000)
                    .name("durationUs")
                    .value(attempt.durationNanos() / 1000)
                    .endObject();
        }
        detail.endArray().name("request").beginObject();
        headers(detail, requestHeaders);
        body(detail, requestBody);
        detail.endObject().name("response");
        String[] answered = responseHeaders;
        if (answered == null) {
            detail.nullValue();
        } else {
            detail.beginObject();
            headers(detail, answered);
            body(detail, responseBody);
            detail.endObject();
        }
        return detail.endObject().toString();
    }

    private static void headers(JsonText detail, String[] pairs) {
        detail.name("headers").beginArray();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            detail.beginArray().value(pairs[i]).value(pairs[i + 1]).endArray();
        }
        detail.endArray();
    }

    private static void body(JsonText detail, @Nullable Body body) {
        detail.name("body");
        if (body == null) {
            detail.nullValue();
            return;
        }
        String text = Masker.isText(body.contentType()) ? utf8(body.masked(), body.truncated()) : null;
        detail.beginObject()
                .name("size")
                .value(body.size())
                .name("contentType")
                .value(body.contentType())
                .name("truncated")
                .value(body.truncated())
                .name("encoding")
                .value(text != null ? "utf-8" : "base64")
                .name("data")
                .value(text != null ? text : Base64.getEncoder().encodeToString(body.masked()))
                .endObject();
    }

    /**
     * Returns the bytes as UTF-8 text, or null when they are not UTF-8; a truncated body may end inside a character,
     * whose bytes are then left out.
     */
    private static @Nullable String utf8(byte[] bytes, boolean truncated) {
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
