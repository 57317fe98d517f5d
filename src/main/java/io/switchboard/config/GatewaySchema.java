package io.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The {@code gateway:} section's keys, their types and defaults, and the checks that span several keys. */
final class GatewaySchema {
    private static final ValueType<String> STORE =
            ValueType.scalar("sqlite:PATH or postgresql://HOST:PORT/DB", GatewaySchema::store);

    private static final ValueType<Secret> TOKEN_SECRET = ValueType.secret(
            "a secret of at least 16 characters from the environment, such as \"${SB_OPS_TOKEN}\"", text -> {
                if (text.length() < 16) {
                    throw new UnexpectedValue("a secret of at least 16 characters, and this one is shorter; make one"
                            + " with: openssl rand -hex 32");
                }
                return new Secret(text);
            });

    private static final ValueType<JournalConfig> JOURNAL =
            ValueType.section("a mapping such as { body-limit: 8KiB, retention: 7d }", GatewaySchema::journal);

    private static final ValueType<ServerLimits> LIMITS = ValueType.section(
            "a mapping such as { max-body-size: 10MiB, idle-timeout: 60s }", GatewaySchema::serverLimits);

    /** The section itself. */
    static final ValueType<GatewayConfig> TYPE = ValueType.section(
            "a mapping of the gateway's settings, such as { listen: 127.0.0.1:8080, admin: 127.0.0.1:8081 }",
            GatewaySchema::gateway);

    private GatewaySchema() {}

    private static GatewayConfig gateway(Section section) {
        GatewayConfig defaults = GatewayConfig.DEFAULT;
        HostPort listen = section.optional("listen", Scalars.ADDRESS, defaults.listen());
        HostPort admin = section.optional("admin", Scalars.ADDRESS, defaults.admin());
        String store = section.optional("store", STORE, defaults.store());
        JournalConfig journal = section.optional("journal", JOURNAL, defaults.journal());
        List<TokenConfig> tokens = section.optional("tokens", tokensType(), defaults.tokens());
        ServerLimits limits = section.optional("limits", LIMITS, defaults.limits());
        Duration drainTimeout = section.optional("drain-timeout", Scalars.DURATION, defaults.drainTimeout());

        if (overlap(listen, admin)) {
            // The problem points at an address the user wrote: admin when both are written, as the later of the two.
            boolean atAdmin = section.has("admin");
            String key = atAdmin ? "admin" : "listen";
            String other = atAdmin ? "listen" : "admin";
            String otherShown = section.shown(other, "\"" + (atAdmin ? listen : admin) + "\"");
            section.report(
                    key,
                    section.shown(key, "") + " (expected: an address apart from gateway." + other + ", which is "
                            + otherShown + "; the proxy and the admin API listen separately)");
        }
        return new GatewayConfig(listen, admin, store, journal, tokens, limits, drainTimeout);
    }

    /** Returns whether two listeners would fight over one port: port 0 is always free, a wildcard host takes all. */
    private static boolean overlap(HostPort a, HostPort b) {
        return a.port() != 0
                && a.port() == b.port()
                && (a.host().equals(b.host()) || isWildcard(a.host()) || isWildcard(b.host()));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
    }

    /** Returns the tokens' type; names and secrets are checked for repeats across the list, so each read is fresh. */
    private static ValueType<List<TokenConfig>> tokensType() {
        Map<String, String> names = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        ValueType<TokenConfig> token = ValueType.section(
                "a token such as { name: ops-console, role: operator, secret: \"${SB_OPS_TOKEN}\" }",
                section -> token(section, names, secrets));
        return ValueType.listOf(
                "a list of tokens such as [ { name: ops-console, role: operator, secret: " + "\"${SB_OPS_TOKEN}\" } ]",
                token,
                0);
    }

    private static @Nullable TokenConfig token(
            Section section, Map<String, String> names, Map<String, String> secrets) {
        String name = section.required("name", Scalars.TEXT);
        Role role = section.required("role", Scalars.oneOf(Scalars.yamlNames(Role.class)));
        Secret secret = section.required("secret", TOKEN_SECRET);

        if (name != null) {
            String first = names.putIfAbsent(name, section.path());
            if (first != null) {
                section.report(
                        "name",
                        section.shown("name", "") + " (expected: a name no other token has; " + first + " has it)");
            }
        }
        if (secret != null) {
            // Two tokens with one secret could not be told apart, so the audit trail would name the wrong holder.
            String first = secrets.putIfAbsent(secret.value(), section.path());
            if (first != null) {
                section.report(
                        "secret",
                        section.shownSecret("secret") + " (expected: a secret of this token's own; " + first
                                + " has the same one)");
            }
        }
        if (name == null || role == null || secret == null) {
            return null;
        }
        return new TokenConfig(name, role, secret);
    }

    private static JournalConfig journal(Section section) {
        JournalConfig defaults = JournalConfig.DEFAULT;
        return new JournalConfig(
                section.optional("body-limit", Scalars.SIZE, defaults.bodyLimit()),
                section.optional("retention", Scalars.POSITIVE_DURATION, defaults.retention()));
    }

    private static ServerLimits serverLimits(Section section) {
        ServerLimits defaults = ServerLimits.DEFAULT;
        return new ServerLimits(
                section.optional("max-header-size", Scalars.POSITIVE_SIZE, defaults.maxHeaderSize()),
                section.optional("max-header-count", Scalars.wholeNumber(1, 10_000), defaults.maxHeaderCount()),
                section.optional("max-uri-length", Scalars.wholeNumber(16, 1 << 20), defaults.maxUriLength()),
                section.optional("max-body-size", Scalars.POSITIVE_SIZE, defaults.maxBodySize()),
                section.optional("idle-timeout", Scalars.POSITIVE_DURATION, defaults.idleTimeout()),
                section.optional("request-read-timeout", Scalars.POSITIVE_DURATION, defaults.requestReadTimeout()));
    }

    private static String store(String text) {
        if (text.startsWith("sqlite:")) {
            if (text.length() == "sqlite:".length()) {
                throw new UnexpectedValue("a file after sqlite:, such as sqlite:./data/switchboard.db");
            }
            return text;
        }
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new UnexpectedValue("a URL such as postgresql://HOST:PORT/DB, with special characters in the"
                        + " password percent-encoded");
            }
            String path = Objects.requireNonNullElse(uri.getPath(), "");
            if (uri.getHost() == null || path.length() < 2) {
                throw new UnexpectedValue("postgresql://HOST:PORT/DB with a host and a database name");
            }
            return text;
        }
        throw new IllegalArgumentException("not a store");
    }
}
