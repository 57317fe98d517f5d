package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where the store lives, parsed from {@code gateway.store}: a SQLite file or a PostgreSQL database. Its
 * {@code toString()} is the configured text with any password masked, so it is safe in logs and messages.
 */
public sealed interface StoreLocation permits StoreLocation.Sqlite, StoreLocation.Postgres {
    /**
     * Parses {@code sqlite:PATH}, {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB[?PARAMS]} or the same with
     * {@code postgres://}. The user and password may also come as the {@code user} and {@code password} parameters;
     * other parameters are passed to the PostgreSQL driver (for example {@code sslmode=require}).
     *
     * @throws IllegalArgumentException when the text is neither; the message never quotes a password
     */
    static StoreLocation parse(String text) {
        requireNonNull(text, "text");
        if (text.startsWith(Sqlite.PREFIX)) {
            String path = text.substring(Sqlite.PREFIX.length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("store sqlite: names no file (expected: sqlite:PATH)");
            }
            return new Sqlite(Path.of(path));
        }
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            return Postgres.parse(text);
        }
        throw new IllegalArgumentException(
                "a store is sqlite:PATH or postgresql://HOST:PORT/DB, and this one is neither");
    }

    /**
     * A SQLite database: one file, created with its directory on first use.
     *
     * @param file the database file; a relative path is relative to the working directory
     */
    record Sqlite(Path file) implements StoreLocation {
        static final String PREFIX = "sqlite:";

        public Sqlite {
            requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return PREFIX + file;
        }
    }

    /**
     * A PostgreSQL database, shared by every node of a cluster.
     *
     * @param host the server's host name or address (an IPv6 address without brackets)
     * @param port the server's port; 5432 when the URL names none
     * @param database the database name
     * @param user the user to log in as; null leaves it to the driver (the operating system user)
     * @param password the user's password; null when the server needs none
     * @param parameters further driver properties from the URL's query, such as {@code sslmode}
     */
    record Postgres(
            String host,
            int port,
            String database,
            @Nullable String user,
            @Nullable Secret password,
            Map<String, String> parameters)
            implements StoreLocation {
        static final int DEFAULT_PORT = 5432;

        public Postgres {
            requireNonNull(host, "host");
            requireNonNull(database, "database");
            parameters = Map.copyOf(parameters);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port");
            }
        }

        static Postgres parse(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "the store's PostgreSQL URL does not parse (expected: postgresql://HOST:PORT/DB, with special"
                                + " characters in the password percent-encoded)");
            }
            String host = uri.getHost();
            String path = uri.getRawPath();
            if (host == null || path == null || path.length() < 2) {
                throw new IllegalArgumentException(
                        "the store's PostgreSQL URL names no host or no database (expected: postgresql://HOST:PORT/DB)");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = uri.getRawQuery();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    switch (name) {
                        case "user" -> user = value;
                        case "password" -> password = value;
                        default -> parameters.put(name, value);
                    }
                }
            }
            return new Postgres(
                    host,
                    uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                    decode(path.substring(1)),
                    user,
                    password == null ? null : new Secret(password),
                    parameters);
        }

        /** Returns {@code host:port}, the part of the address that error messages name. */
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("postgresql://");
            if (user != null) {
                text.append(user);
                if (password != null) {
                    text.append(":***");
                }
                text.append('@');
            }
            text.append(address()).append('/').append(database);
            if (!parameters.isEmpty()) {
                text.append('?')
                        .append(parameters.entrySet().stream()
                                .map(parameter -> parameter.getKey() + "=" + shown(parameter))
                                .collect(Collectors.joining("&")));
            }
            return text.toString();
        }

        private static String shown(Map.Entry<String, String> parameter) {
            // Driver properties such as sslpassword carry secrets too.
            return parameter.getKey().toLowerCase(Locale.ROOT).contains("password") ? "***" : parameter.getValue();
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
