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

    /**
     * Reads {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code localhost:8080} or {@code :8080} (all interfaces, read as
     * host {@code 0.0.0.0}).
     *
     * @throws IllegalArgumentException when the text is no such address or the port lies outside 0 to 65535
     */
    public static HostPort parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an address needs a port: " + text);
        }
        String host = trimmed.substring(0, colon);
        String port = trimmed.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            host = host.substring(1, host.length() - 1);
        } else if (host.isEmpty()) {
            host = "0.0.0.0";
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            // An IPv6 host must be in brackets, or the port could not be told apart from the address.
            throw new IllegalArgumentException("an IPv6 address goes in brackets: " + text);
        }
        if (!host.chars().allMatch(c -> c > ' ' && c < 127) || !port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
