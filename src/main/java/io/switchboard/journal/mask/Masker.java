package io.switchboard.journal.mask;

import io.switchboard.config.MaskConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masking rules of one connector, applied to captured headers, paths and bodies; immutable and thread-safe, built
 * once per config generation.
 *
 * <p>Every method returns its argument itself when there is nothing to mask, and never throws: if masking ever fails
 * on a bug, the value is replaced by a placeholder rather than kept unmasked. What is masked, and how, is written up
 * in {@code docs/journal-masking.md}.
 */
public final class Masker {
    /** What a value becomes when masking it failed on a bug: never the value itself. */
    static final String FAILED = "*** (masking failed)";

    private static final Logger LOG = LoggerFactory.getLogger(Masker.class);

    private static final byte[] FAILED_BYTES = FAILED.getBytes(StandardCharsets.US_ASCII);

    private final MaskConfig rules;
    private final HeaderMask headers;
    private final SecretValues secrets;
    private final ParameterMask query;
    private final ParameterMask form;
    private final JsonPathMask json;

    private Masker(MaskConfig rules, Collection<String> secrets) {
        this.rules = rules;
        this.headers = HeaderMask.of(rules.headers());
        this.secrets = SecretValues.of(secrets);
        this.query = ParameterMask.of(rules.query());
        this.form = ParameterMask.of(rules.form());
        this.json = JsonPathMask.of(rules.json());
    }

    /**
     * Returns the masker for a connector's rules.
     *
     * @param secrets values that must never show anywhere, masked wherever they appear, also URL-encoded,
     *     JSON-escaped and in Base64: pass the injected credential's value (a header value such as
     *     {@code Bearer abc} also hides {@code abc} alone), and for basic auth both the password and
     *     {@code user:password}
     */
    public static Masker of(MaskConfig rules, Collection<String> secrets) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(secrets, "secrets");
        return new Masker(rules, secrets);
    }

    /** Returns a header's value as the journal may keep it. */
    public String header(String name, String value) {
        try {
            String shown = headers.isMasked(name) ? HeaderMask.mask(name, value) : value;
            return text(shown);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Returns a request target ({@code /path?query}) as the journal may keep it. */
    // Identity is the point: the same array back means nothing was masked.
    @SuppressWarnings("ReferenceEquality")
    public String pathAndQuery(String pathAndQuery) {
        try {
            String masked = secrets.mask(pathAndQuery);
            int question = masked.indexOf('?');
            if (!query.isEmpty() && question >= 0) {
                byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
                byte[] hidden = query.mask(bytes, question + 1);
                if (hidden != bytes) {
                    masked = new String(hidden, StandardCharsets.UTF_8);
                }
            }
            return CardNumbers.mask(masked);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Returns a captured body as the journal may keep it: masked, and a text body in another charset as UTF-8.
     *
     * @param captured the first bytes of the body, at most the journal's body limit
     * @param truncated whether the body went on past {@code captured}
     * @param contentType the body's media type, when known
     */
    public byte[] body(byte[] captured, boolean truncated, @Nullable String contentType) {
        try {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            byte[] masked = maskBytes(captured, truncated, type);
            Charset charset = BodyCharset.of(type, captured);
            if (charset == null) {
                return masked;
            }
            // Every pass reads ASCII digits and names, which UTF-16 hides: a body in another charset is masked again
            // once made UTF-8, and kept so. The pass on its bytes as they came stays: a body whose charset is declared
            // wrongly (UTF-8 sent as "utf-16") decodes to other characters that still spell a card number's digits.
            return maskBytes(BodyCharset.toUtf8(masked, truncated, charset), truncated, type);
        } catch (RuntimeException e) {
            failed(e);
            return FAILED_BYTES.clone();
        }
    }

    /** Runs every pass over the bytes of a body: secrets, form fields, JSON paths or XML elements, card numbers. */
    private byte[] maskBytes(byte[] body, boolean truncated, String type) {
        // Secrets first: the passes after them could cut a secret into pieces no longer recognisable.
        byte[] masked = secrets.mask(body, truncated);
        if (!form.isEmpty() && type.startsWith("application/x-www-form-urlencoded")) {
            masked = form.mask(masked, 0);
        }
        if (!json.isEmpty()) {
            if (isJson(type) || (!isXml(type) && JsonPathMask.looksLikeJson(masked))) {
                masked = json.mask(masked, truncated);
            } else if (isXml(type) || XmlElementMask.looksLikeXml(masked)) {
                masked = XmlElementMask.mask(masked, json.lastNames());
            } else {
                // Plain text may still quote JSON (an error message echoing the request): scan it for the names.
                masked = JsonPathMask.textual(masked, json.lastNames());
            }
        }
        return CardNumbers.mask(masked, truncated);
    }

    /** Returns any text (an error message, a log line) with card numbers and secrets masked. */
    public String text(String text) {
        try {
            return CardNumbers.mask(secrets.mask(text));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Logs a masking bug: the exception's type and stack only, never a value being masked. */
    private static String failed(RuntimeException e) {
        StackTraceElement[] stack = e.getStackTrace();
        LOG.warn(
                "masking failed ({} at {}); the value is replaced by a placeholder",
                e.getClass().getName(),
                stack.length > 0 ? stack[0] : "?");
        return FAILED;
    }

    /**
     * Returns whether a body of this type is text: the journal shows it as text (when it decodes as UTF-8), and reads
     * it as UTF-16 or UTF-32 when it starts with their byte order mark. No type (null or empty) may be text.
     */
    public static boolean isText(@Nullable String contentType) {
        if (contentType == null || contentType.isEmpty()) {
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

    private static boolean isJson(String type) {
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return media.equals("application/json")
                || media.endsWith("+json")
                || media.endsWith("/x-ndjson")
                || media.endsWith("/json");
    }

    private static boolean isXml(String type) {
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return media.endsWith("/xml") || media.endsWith("+xml");
    }

    @Override
    public String toString() {
        return "Masker[rules=" + rules + "]";
    }
}
