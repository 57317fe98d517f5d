package io.switchboard.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which headers cross the gateway: hop-by-hop headers (RFC 9110 section 7.6.1) and those a {@code Connection} header
 * names stop here in both directions; the gateway's own {@code Switchboard-*} request headers never reach a provider.
 */
final class HeaderHygiene {
    /** Headers that describe one connection, never the message; lowercase. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings");

    /** Request headers the gateway sets itself or owns; the caller's copies are dropped; lowercase. */
    private static final Set<String> REPLACED_ON_REQUEST = Set.of(
            "host",
            "content-length",
            "expect",
            "x-forwarded-for",
            "x-forwarded-proto",
            "x-forwarded-host",
            "forwarded",
            "traceparent",
            "x-request-id");

    private HeaderHygiene() {}

    /**
     * Returns the headers to send upstream: the caller's, minus hop-by-hop ones, minus the gateway's own, plus the
     * forwarding and tracing headers.
     */
    static MultiMap forUpstream(
            MultiMap callerHeaders,
            String clientAddress,
            String scheme,
            @Nullable String originalHost,
            String traceparent,
            String requestId) {
        Set<String> named = namedInConnection(callerHeaders);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        String priorForwardedFor = null;
        for (Map.Entry<String, String> header : callerHeaders) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("x-forwarded-for")) {
                priorForwardedFor =
                        priorForwardedFor == null ? header.getValue() : priorForwardedFor + ", " + header.getValue();
                continue;
            }
            if (HOP_BY_HOP.contains(name)
                    || REPLACED_ON_REQUEST.contains(name)
                    || name.startsWith("switchboard-")
                    || name.startsWith(":")
                    || (named != null && named.contains(name))) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        out.set(
                "X-Forwarded-For",
                priorForwardedFor == null ? clientAddress : priorForwardedFor + ", " + clientAddress);
        out.set("X-Forwarded-Proto", scheme);
        if (originalHost != null) {
            out.set("X-Forwarded-Host", originalHost);
        }
        out.set("traceparent", traceparent);
        out.set("X-Request-Id", requestId);
        return out;
    }

    /** Copies the upstream's response headers to the caller's response, minus hop-by-hop ones. */
    static void copyResponseHeaders(MultiMap upstream, MultiMap toCaller) {
        Set<String> named = namedInConnection(upstream);
        for (Map.Entry<String, String> header : upstream) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || (named != null && named.contains(name))) {
                continue;
            }
            toCaller.add(header.getKey(), header.getValue());
        }
    }

    private static @Nullable Set<String> namedInConnection(MultiMap headers) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null) {
            return null;
        }
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
