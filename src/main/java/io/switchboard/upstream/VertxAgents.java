package io.switchboard.upstream;

import io.switchboard.config.UpstreamConfig;
import io.switchboard.config.UpstreamProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.util.List;

/**
 * Builds the Vert.x HTTP client a connector's {@link UpstreamClient} opens its connections with (and, for HTTP/2, pools
 * them in): the connector's timeouts, protocol and TLS trust.
 */
final class VertxAgents {
    private VertxAgents() {}

    /** Returns a client with keep-alive pools per endpoint, the connector's timeouts, protocol and TLS trust. */
    static HttpClientAgent create(Vertx vertx, String connector, UpstreamConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setName("upstream-" + connector)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, config.keepAlive().toSeconds()))
                .setConnectTimeout((int) Math.max(1, config.connectTimeout().toMillis()))
                .setTcpNoDelay(true)
                // Bodies pass through as the provider sent them: decompressing would change what the caller gets.
                .setDecompressionSupported(false)
                .setVerifyHost(config.tls().verifyHost());
        if (config.protocol() == UpstreamProtocol.HTTP2) {
            options.setProtocolVersion(HttpVersion.HTTP_2)
                    .setUseAlpn(true)
                    // Plain-text HTTP/2 is spoken with prior knowledge: an upgrade round trip on every new connection
                    // buys nothing with a provider known to speak h2c.
                    .setHttp2ClearTextUpgrade(false)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
        }
        if (config.tls().caFile() != null) {
            options.setTrustOptions(TrustStores.systemPlus(config.tls().caFile()));
        }
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(config.maxConnections())
                .setHttp2MaxSize(Math.max(1, config.maxConnections() / 32));
        return vertx.httpClientBuilder().with(options).with(pool).build();
    }
}
