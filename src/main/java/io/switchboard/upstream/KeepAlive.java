package io.switchboard.upstream;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/** What an upstream's answer says about keeping its HTTP/1.x connection for another request. */
final class KeepAlive {
    private KeepAlive() {}

    /**
     * Returns how long the response's connection may be kept for another request, at most {@code configuredNanos},
     * or 0 when the upstream closes it. An upstream that announces a keep-alive timeout is trusted to 90% of it, so
     * the gateway stops using the connection before the upstream closes it under a request that is on its way.
     */
    static long nanosToKeep(HttpClientResponse response, long configuredNanos) {
        String connection = response.getHeader(HttpHeaders.CONNECTION);
        if (connection != null && "close".equalsIgnoreCase(connection.trim())) {
            return 0;
        }
        if (response.version() == HttpVersion.HTTP_1_0
                && (connection == null || !"keep-alive".equalsIgnoreCase(connection.trim()))) {
            return 0;
        }
        String keepAlive = response.getHeader(HttpHeaders.KEEP_ALIVE);
        if (keepAlive != null) {
            long announced = announcedTimeoutSeconds(keepAlive);
            if (announced >= 0) {
                return Math.min(configuredNanos, TimeUnit.MILLISECONDS.toNanos(announced * 900));
            }
        }
        return configuredNanos;
    }

    /** Returns {@code N} of {@code timeout=N} in a {@code Keep-Alive} header, or -1. */
    static long announcedTimeoutSeconds(String keepAlive) {
        for (String part : keepAlive.split(",")) {
            String trimmed = part.trim();
            if (trimmed.regionMatches(true, 0, "timeout=", 0, 8)) {
                try {
                    return Long.parseLong(trimmed.substring(8).trim());
                } catch (NumberFormatException notANumber) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
