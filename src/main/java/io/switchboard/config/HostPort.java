package io.switchboard.config;

/**
 * A listen address, written in YAML as {@code 127.0.0.1:8080}, {@code [::1]:8080} or {@code :8080} (all interfaces).
 *
 * @param host the interface to bind; {@code 0.0.0.0} for all
 * @param port the TCP port; 0 picks a free one (tests)
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port lies between 0 and 65535: " + port);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
