package io.switchboard.policy.credentials;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.CredentialsConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A policy that adds the provider's secret to every call, so callers never hold it: as a header, as a query parameter
 * or as HTTP basic authentication, always replacing whatever the caller sent under the same name.
 *
 * <p>The secret is kept only in the prepared header value or query pair; it never appears in {@link #toString()}, and
 * this policy never answers by itself, so it cannot leak through a problem or a log line. The exchange it changes does
 * hold the secret afterwards: the journal must mask {@link #maskedHeader()} and {@link #maskedQueryParameter()}.
 */
public final class CredentialsPolicy implements Policy {
    private final CredentialsConfig.Placement placement;
    private final String fieldName;
    private final String headerValue;
    private final String queryPair;

    private CredentialsPolicy(CredentialsConfig config) {
        this.placement = config.placement();
        String secret = config.value().value();
        switch (placement) {
            case HEADER -> {
                this.fieldName = config.name();
                this.headerValue = requireHeaderSafe(secret, "header '" + config.name() + "'");
                this.queryPair = "";
            }
            case QUERY -> {
                this.fieldName = config.name();
                this.headerValue = "";
                this.queryPair = QueryParameters.encode(config.name()) + "=" + QueryParameters.encode(secret);
            }
            case BASIC -> {
                if (config.name().indexOf(':') >= 0) {
                    // RFC 7617 section 2: the user-id cannot contain a colon; the server would split it there.
                    throw new IllegalArgumentException("the basic auth username contains ':' (RFC 7617 forbids it)");
                }
                this.fieldName = "Authorization";
                // RFC 7617 section 2.1: user-id ":" password, base64; UTF-8 is what every server accepts today.
                String pair = config.name() + ":" + secret;
                this.headerValue = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                this.queryPair = "";
            }
            default -> throw new IllegalArgumentException("unknown credentials placement " + placement);
        }
    }

    /**
     * Returns the value when it can go in a header as it is. Vert.x would refuse a control character only when the
     * header is set, on every call, with the whole value (the secret) in its exception message; a secret read from a
     * file with a trailing newline is the usual case. So it is checked once here, and the message never shows it.
     */
    private static String requireHeaderSafe(String value, String where) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the credentials value for " + where + " has a character that"
                        + " cannot go in a header at index " + i + " (code " + (int) c + "); the value is not shown");
            }
        }
        return value;
    }

    /**
     * Returns a credentials policy that adds the configured secret to every call.
     *
     * @throws IllegalArgumentException when a header value holds a control character or one beyond Latin-1, or a basic
     *     auth username holds a colon; the message never contains the secret
     */
    public static CredentialsPolicy from(CredentialsConfig config) {
        requireNonNull(config, "config");
        return new CredentialsPolicy(config);
    }

    @Override
    public String name() {
        return "credentials";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        switch (placement) {
            // Exchange headers are Vert.x's case-insensitive MultiMap: set() drops every value of the name, in any
            // case, that the caller supplied.
            case HEADER, BASIC -> exchange.headers().set(fieldName, headerValue);
            case QUERY -> exchange.query(QueryParameters.replace(exchange.query(), fieldName, queryPair));
        }
        return next.proceed(exchange);
    }

    /** Returns where the secret goes. */
    public CredentialsConfig.Placement placement() {
        return placement;
    }

    /** Returns the header that carries the secret (the journal masks it), or null when it goes in the query. */
    public @Nullable String maskedHeader() {
        return placement == CredentialsConfig.Placement.QUERY ? null : fieldName;
    }

    /** Returns the query parameter that carries the secret (the journal masks it), or null when it goes in a header. */
    public @Nullable String maskedQueryParameter() {
        return placement == CredentialsConfig.Placement.QUERY ? fieldName : null;
    }

    @Override
    public String toString() {
        return "CredentialsPolicy[" + placement.name().toLowerCase(Locale.ROOT) + " " + fieldName + "]";
    }
}
