package io.switchboard.server;

import org.jspecify.annotations.Nullable;

/**
 * A proxy request's target split from its URI: {@code /{connector}/{rest}?{query}} (or {@code /~{capability}/...}),
 * every part raw as the caller sent it.
 *
 * @param connector the first path segment: the connector's id, or {@code ~} and a capability's id
 * @param rest the rest of the path, starting with "/" or empty, percent-encoding kept
 * @param query the query string without "?", byte for byte, or null
 */
public record ProxyPath(
        String connector, String rest, @Nullable String query) {

    /** Returns whether the call is addressed to a capability ({@code /~sms/...}) rather than to a connector. */
    public boolean isCapability() {
        return connector.length() > 1 && connector.charAt(0) == '~';
    }

    /** Returns the capability's id of a call addressed to a capability: the first segment without its {@code ~}. */
    public String capability() {
        return connector.substring(1);
    }

    /**
     * Splits an origin-form request target, or returns null when it is not one a proxy may forward: not starting with
     * "/", or with a segment that could climb out of the connector's base path once an upstream decodes it ({@code ..},
     * {@code %2e%2e}, {@code ..;x}, an encoded slash or backslash, a NUL).
     */
    public static @Nullable ProxyPath parse(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return null;
        }
        int queryStart = uri.indexOf('?');
        int fragment = uri.indexOf('#');
        if (fragment >= 0) {
            // A fragment never belongs in a request target (RFC 9112 section 3.2).
            return null;
        }
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? null : uri.substring(queryStart + 1);
        if (!isSafePath(path)) {
            return null;
        }
        int second = path.indexOf('/', 1);
        String connector = second < 0 ? path.substring(1) : path.substring(1, second);
        String rest = second < 0 ? "" : path.substring(second);
        if (connector.isEmpty()) {
            return null;
        }
        return new ProxyPath(connector, rest, query);
    }

    /** Checks every segment of a raw path; see {@link #parse}. */
    static boolean isSafePath(String path) {
        int length = path.length();
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            if (i == length || path.charAt(i) == '/') {
                if (!isSafeSegment(path, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isSafeSegment(String path, int from, int to) {
        int dots = 0;
        int decodedLength = 0;
        boolean dotsBeforeParameters = false;
        boolean sawParameters = false;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            char decoded = c;
            if (c == ';' && !sawParameters) {
                // Servlet containers (Tomcat, Jetty) cut ";parameters" off a segment before they resolve dot-segments,
                // so "..;x" climbs a level there; an encoded %3B is data to them and is not cut.
                sawParameters = true;
                dotsBeforeParameters = isDotSegment(decodedLength, dots);
            }
            if (c == '%') {
                if (i + 2 >= to) {
                    return false;
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                decoded = (char) (high * 16 + low);
                i += 2;
            }
            // Encoded separators and control characters let a segment turn into a path change on the upstream.
            if (decoded == '/' || decoded == '\\' || decoded < 0x20 || decoded == 0x7f) {
                return false;
            }
            if (decoded == '.') {
                dots++;
            }
            decodedLength++;
        }
        return !isDotSegment(decodedLength, dots) && !dotsBeforeParameters;
    }

    /** Returns whether a segment is "." or ".." in any spelling, raw or encoded (RFC 3986 section 5.2.4). */
    private static boolean isDotSegment(int decodedLength, int dots) {
        return decodedLength == dots && (dots == 1 || dots == 2);
    }
}
