package io.switchboard.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which headers cross the gateway: hop-by-hop headers (RFC 9110 section 7.6.1) and those a {@code Connection} header
 * names stop here in both directions; the gateway's own {@code Switchboard-*} request headers never reach a provider.
 */
final class HeaderHygiene {
    /** Headers that describe one connection, never the message; matched in any letter case. */
    private static final Set<String> HOP_BY_HOP = ignoringCase(
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

    /** Request headers the gateway sets itself or owns; the caller's copies are dropped; any letter case. */
    private static final Set<String> REPLACED_ON_REQUEST = ignoringCase(
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
     * Returns a set that matches names in any letter case. Header names arrive in whatever case the peer wrote; a
     * case-insensitive lookup spares lower-casing (a new string) for every header of every request.
     */
    private static Set<String> ignoringCase(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    private static boolean startsWithIgnoringCase(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }

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
            String name = header.getKey();
            if (name.equalsIgnoreCase("x-forwarded-for")) {
                priorForwardedFor =
                        priorForwardedFor == null ? header.getValue() : priorForwardedFor + ", " + header.getValue();
                continue;
            }
            if (HOP_BY_HOP.contains(name)
                    || REPLACED_ON_REQUEST.contains(name)
                    || startsWithIgnoringCase(name, "switchboard-")
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
            String name = header.getKey();
            if (HOP_BY_HOP.contains(name) || (named != null && named.contains(name))) {
                continue;
            }
            toCaller.add(header.getKey(), header.getValue());
        }
    }

    /**
     * Returns the headers {@code Connection} names that hygiene does not remove anyway, or null for none. Most answers
     * say just {@code keep-alive} (hop-by-hop already) or {@code close} (an option, not a header), so most build no set.
     */
    private static @Nullable Set<String> namedInConnection(MultiMap headers) {
        if (!headers.contains(HttpHeaders.CONNECTION)) {
            return null;
        }
        Set<String> names = null;
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String name = value.substring(start, end).strip();
                if (!name.isEmpty() && !HOP_BY_HOP.contains(name) && !name.equalsIgnoreCase("close")) {
                    if (names == null) {
                        names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                    }
                    names.add(name);
                }
                start = end + 1;
            }
        }
        return names;
    }
}
