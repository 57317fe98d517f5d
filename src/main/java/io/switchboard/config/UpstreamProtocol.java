package io.switchboard.config;

/** Which HTTP version the gateway speaks to a connector's upstream ({@code upstream.protocol}). */
public enum UpstreamProtocol {
    /** HTTP/1.1 with keep-alive ({@code http1}, the default). */
    HTTP1,
    /** HTTP/2: over TLS negotiated by ALPN, over plain TCP as h2c with prior knowledge ({@code http2}). */
    HTTP2
}
