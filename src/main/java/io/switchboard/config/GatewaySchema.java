package io.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
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

    private static final ValueType<Secret> TOKEN_VALUE =
            ValueType.secret("a secret from the environment, such as \"${HOOK_TOKEN}\"", text -> {
                if (text.isEmpty()) {
                    throw new UnexpectedValue("a secret that is not empty");
                }
                return new Secret(text);
            });

    private static final ValueType<JournalConfig> JOURNAL = ValueType.section(
            "a mapping such as { body-limit: 8KiB, retention: 7d, max-size: 1GiB }", GatewaySchema::journal);

    private static final ValueType<ServerLimits> LIMITS = ValueType.section(
            "a mapping such as { max-body-size: 10MiB, idle-timeout: 60s }", GatewaySchema::serverLimits);

    private static final ValueType<Secret> WEBHOOK_URL = ValueType.secret(
            "an absolute http or https URL, such as \"${SLACK_WEBHOOK_URL}\" or https://hooks.example.com/switchboard",
            GatewaySchema::webhookUrl);

    private static final ValueType<String> EVENT_KIND =
            ValueType.scalar("one of " + String.join(", ", WebhookConfig.EVENT_KINDS), GatewaySchema::eventKind);

    private static final ValueType<List<String>> EVENT_KINDS =
            ValueType.distinctListOf("a list of event kinds, such as [ lamp-changed, switched ]", EVENT_KIND, 0);

    private static final ValueType<WebhookConfig.SecretHeader> SECRET_HEADER = ValueType.section(
            "a mapping such as { name: X-Hook-Token, value: \"${HOOK_TOKEN}\" }", GatewaySchema::secretHeader);

    private static final ValueType<WebhookConfig> WEBHOOK = ValueType.section(
            "a webhook such as { url: \"${SLACK_WEBHOOK_URL}\", events: [ lamp-changed, switched ] }",
            GatewaySchema::webhook);

    private static final ValueType<List<WebhookConfig>> WEBHOOKS = ValueType.listOf(
            "a list of webhooks such as [ { url: \"${SLACK_WEBHOOK_URL}\", events: [ lamp-changed ] } ]", WEBHOOK, 0);

    /** An HTTP header name: RFC 9110's token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

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
        List<WebhookConfig> webhooks = section.optional("webhooks", WEBHOOKS, defaults.webhooks());
        boolean requireCaller = section.optional("require-caller", Scalars.BOOLEAN, defaults.requireCaller());

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
        return new GatewayConfig(listen, admin, store, journal, tokens, limits, drainTimeout, webhooks, requireCaller);
    }

    private static @Nullable WebhookConfig webhook(Section section) {
        Secret url = section.required("url", WEBHOOK_URL);
        List<String> events = section.optional("events", EVENT_KINDS, List.of());
        WebhookConfig.SecretHeader secretHeader = section.optional("secret-header", SECRET_HEADER);
        return url == null ? null : new WebhookConfig(url, new HashSet<>(events), secretHeader);
    }

    private static Secret webhookUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        String scheme = Objects.toString(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not http");
        }
        if (uri.getHost() == null) {
            throw new UnexpectedValue(
                    "a URL with a host name or address, such as https://hooks.example.com/switchboard");
        }
        return new Secret(text);
    }

    private static String eventKind(String text) {
        if (!WebhookConfig.EVENT_KINDS.contains(text)) {
            throw new UnexpectedValue("one of " + String.join(", ", WebhookConfig.EVENT_KINDS)
                    + DidYouMean.hint(text, WebhookConfig.EVENT_KINDS));
        }
        return text;
    }

    private static WebhookConfig.@Nullable SecretHeader secretHeader(Section section) {
        String name = section.required("name", ValueType.scalar("a header name such as X-Hook-Token", text -> {
            if (!HEADER_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException("not a header name");
            }
            return text;
        }));
        Secret value = section.required("value", TOKEN_VALUE);
        return name == null || value == null ? null : new WebhookConfig.SecretHeader(name, value);
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
                section.optional("enabled", Scalars.BOOLEAN, defaults.enabled()),
                section.optional("body-limit", Scalars.SIZE, defaults.bodyLimit()),
                section.optional("retention", Scalars.POSITIVE_DURATION, defaults.retention()),
                section.optional("max-size", Scalars.POSITIVE_SIZE, defaults.maxSize()),
                section.optional("queue-size", Scalars.wholeNumber(1, 10_000_000), defaults.queueSize()));
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
