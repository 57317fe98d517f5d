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
 * written as JSON. The journal's writer renders it ({@link #writeTo}) as it takes it from the queue.
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

    private static final JsonText.Key ATTEMPTS = JsonText.key("attempts");
    private static final JsonText.Key BODY = JsonText.key("body");
    private static final JsonText.Key CONTENT_TYPE = JsonText.key("contentType");
    private static final JsonText.Key DATA = JsonText.key("data");
    private static final JsonText.Key DURATION_US = JsonText.key("durationUs");
    private static final JsonText.Key ENCODING = JsonText.key("encoding");
    private static final JsonText.Key ENDPOINT = JsonText.key("endpoint");
    private static final JsonText.Key ERROR = JsonText.key("error");
    private static final JsonText.Key HEADERS = JsonText.key("headers");
    private static final JsonText.Key REQUEST = JsonText.key("request");
    private static final JsonText.Key RESPONSE = JsonText.key("response");
    private static final JsonText.Key SIZE = JsonText.key("size");
    private static final JsonText.Key START_US = JsonText.key("startUs");
    private static final JsonText.Key STATUS = JsonText.key("status");
    private static final JsonText.Key TRUNCATED = JsonText.key("truncated");

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

    /**
     * Writes the detail as the JSON text described in V2__journal.sql at the end of {@code text}, for a detail block: a
     * text body's data stored raw ({@link JsonText#rawUtf8Value}), which the block's reader turns back into a string.
     */
    void writeTo(JsonText text) {
        JsonText detail = text.beginObject().name(ATTEMPTS).beginArray();
        for (Exchange.Attempt attempt : attempts) {
            UpstreamFailure failure = attempt.failure();
            detail.beginObject().name(ENDPOINT).value(attempt.endpoint()).name(STATUS);
            if (attempt.status() == 0) {
                detail.nullValue();
            } else {
                detail.value(attempt.status());
            }
            detail.name(ERROR)
                    .value(failure == null ? null : failure.code())
                    .name(START_US)
                    .value((attempt.startNanos() - startNanos) / 1000)
                    .name(DURATION_US)
                    .value(attempt.durationNanos() / 1000)
                    .endObject();
        }
        detail.endArray().name(REQUEST).beginObject();
        headers(detail, requestHeaders);
        body(detail, requestBody);
        detail.endObject().name(RESPONSE);
        String[] answered = responseHeaders;
        if (answered == null) {
            detail.nullValue();
        } else {
            detail.beginObject();
            headers(detail, answered);
            body(detail, responseBody);
            detail.endObject();
        }
        detail.endObject();
    }

    private static void headers(JsonText detail, String[] pairs) {
        detail.name(HEADERS).beginArray();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            detail.beginArray().value(pairs[i]).value(pairs[i + 1]).endArray();
        }
        detail.endArray();
    }

    private static void body(JsonText detail, @Nullable Body body) {
        detail.name(BODY);
        if (body == null) {
            detail.nullValue();
            return;
        }
        byte[] masked = body.masked();
        int text = Masker.isText(body.contentType()) ? utf8Length(masked, body.truncated()) : -1;
        detail.beginObject()
                .name(SIZE)
                .value(body.size())
                .name(CONTENT_TYPE)
                .value(body.contentType())
                .name(TRUNCATED)
                .value(body.truncated())
                .name(ENCODING)
                .value(text >= 0 ? "utf-8" : "base64")
                .name(DATA);
        if (text >= 0) {
            detail.rawUtf8Value(masked, 0, text);
        } else {
            detail.value(Base64.getEncoder().encodeToString(masked));
        }
        detail.endObject();
    }

    /**
     * Returns how many of the bytes are UTF-8 text, or -1 when they are not UTF-8: all of them, or for a truncated
     * body, all but the bytes of a character the limit cut.
     */
    private static int utf8Length(byte[] bytes, boolean truncated) {
        if (isAscii(bytes)) {
            return bytes.length; // nearly every body: nothing to decode
        }
        int cut = truncated ? Math.min(3, bytes.length) : 0;
        for (int drop = 0; drop <= cut; drop++) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, bytes.length - drop));
                return bytes.length - drop;
            } catch (CharacterCodingException e) {
                // Try again without the last byte: it may be the start of a character the limit cut.
            }
        }
        return -1;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
