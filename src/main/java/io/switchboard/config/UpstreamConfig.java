package io.switchboard.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how a connector reaches its provider, under {@code upstream:}.
 *
 * <pre>
 * upstream:
 *   endpoints: [ "http://10.0.0.5:9000/api", "http://10.0.0.6:9000/api" ]
 *   connect-timeout: 2s
 *   response-timeout: 10s
 * </pre>
 *
 * @param endpoints base URLs ({@code http} or {@code https}, optional base path, no query); at least one
 * @param balance how calls spread over the endpoints; default round-robin
 * @param connectTimeout how long to wait for a TCP (and TLS) connection; default 2s
 * @param responseTimeout how long to wait, once the request is sent, for the response head; default 30s
 * @param callTimeout the whole call, all attempts and backoff included, until the response head; default 60s
 * @param maxConnections pooled connections per endpoint; default 128
 * @param keepAlive how long an idle pooled connection is kept; default 60s
 * @param protocol the HTTP version spoken to the upstream; default http1
 * @param tls trust settings for https endpoints
 * @param outlier when a failing endpoint is taken out of rotation
 */
public record UpstreamConfig(
        List<URI> endpoints,
        Balance balance,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration callTimeout,
        int maxConnections,
        Duration keepAlive,
        UpstreamProtocol protocol,
        TlsConfig tls,
        OutlierConfig outlier) {
    public UpstreamConfig {
        endpoints = List.copyOf(endpoints);
    }
}
