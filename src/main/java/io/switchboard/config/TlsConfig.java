package io.switchboard.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway trusts an HTTPS upstream, under {@code upstream.tls}.
 *
 * @param caFile a PEM file of extra CA certificates to trust, on top of the system trust store; none by default
 * @param verifyHost whether the certificate must name the host; default true (turn off only for tests)
 */
public record TlsConfig(@Nullable Path caFile, boolean verifyHost) {
    public static final TlsConfig DEFAULT = new TlsConfig(null, true);
}
