package io.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A connector's keys ({@code connectors.<id>:}), their types and defaults, and the checks that span several keys. */
final class ConnectorSchema {
    private static final String ENDPOINT_EXAMPLE = "such as http://10.0.0.5:9000/api";

    private static final ValueType<String> CAPABILITY =
            Scalars.urlName("a capability name of lowercase letters, digits and dashes, such as sms or delivery");

    private static final ValueType<URI> ENDPOINT =
            ValueType.scalar("an absolute http or https URL " + ENDPOINT_EXAMPLE, ConnectorSchema::endpoint);

    private static final ValueType<List<URI>> ENDPOINTS = ValueType.distinctListOf(
            "a list of at least one endpoint URL, such as [ \"http://10.0.0.5:9000\", \"http://10.0.0.6:9000\" ]",
            ENDPOINT,
            1);

    /** An HTTP header name: RFC 9110's token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final ValueType<String> HEADER = ValueType.scalar("a header name such as Authorization", text -> {
        if (!HEADER_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("not a header name");
        }
        return text;
    });

    private static final ValueType<String> USERNAME =
            ValueType.scalar("a user name without a colon, which basic authentication cannot carry", text -> {
                if (text.isEmpty() || text.contains(":")) {
                    throw new IllegalArgumentException("not a user name");
                }
                return text;
            });

    private static final ValueType<Secret> CREDENTIAL_SECRET =
            ValueType.secret("a secret from the environment, such as \"Bearer ${COURIER_TOKEN}\"", text -> {
                if (text.isEmpty()) {
                    throw new UnexpectedValue("a secret that is not empty");
                }
                return new Secret(text);
            });

    private static final ValueType<UpstreamConfig> UPSTREAM = ValueType.section(
            "a mapping of the provider's endpoints and timeouts, such as { endpoints: [ \"http://10.0.0.5:9000\" ] }",
            ConnectorSchema::upstream);

    private static final ValueType<OutlierConfig> OUTLIER = ValueType.section(
            "a mapping such as { consecutive-failures: 5, eject-for: 30s, max-ejected: 50% }",
            ConnectorSchema::outlier);

    private static final ValueType<TlsConfig> TLS = ValueType.section(
            "a mapping such as { ca-file: certs/provider-ca.pem, verify-host: true }", ConnectorSchema::tls);

    private static final ValueType<RetryConfig> RETRY = ValueType.section(
            "a mapping such as { attempts: 3, backoff: 100ms, on: [ connect-failure, 502, 503, 504 ] }",
            ConnectorSchema::retry);

    private static final ValueType<CircuitBreakerConfig> CIRCUIT_BREAKER = ValueType.section(
            "a mapping such as { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }",
            ConnectorSchema::circuitBreaker);

    private static final ValueType<LimitsConfig> LIMITS =
            ValueType.section("a mapping such as { rate: 10/s, concurrency: 20 }", ConnectorSchema::limits);

    private static final ValueType<CredentialsConfig> CREDENTIALS = ValueType.section(
            "a mapping such as { header: Authorization, value: \"Bearer ${COURIER_TOKEN}\" }",
            ConnectorSchema::credentials);

    private static final ValueType<Basic> BASIC = ValueType.section(
            "a mapping such as { username: shop, password: \"${PAY_PASSWORD}\" }", ConnectorSchema::basic);

    private static final ValueType<Charset> CHARSET = ValueType.scalar(
            "a charset Java knows, such as windows-1251, koi8-r or iso-8859-1", ConnectorSchema::charset);

    private static final ValueType<ObjectivesConfig> OBJECTIVES =
            ValueType.section("a mapping such as { error-rate: 5%, p95: 2s }", ConnectorSchema::objectives);

    private static final ValueType<Duration> OBJECTIVES_WINDOW =
            ValueType.scalar("a duration from 10s to 15m in steps of 10s, such as 1m or 5m", text -> {
                Duration window = DurationFormat.parse(text);
                if (window.compareTo(Duration.ofSeconds(10)) < 0
                        || window.compareTo(Duration.ofMinutes(15)) > 0
                        || window.toMillis() % 10_000 != 0) {
                    throw new IllegalArgumentException("out of range");
                }
                return window;
            });

    private static final ValueType<List<String>> MASKED_HEADERS =
            ValueType.distinctListOf("a list of header names, such as [ X-Api-Key ]", HEADER, 0);

    private static final ValueType<String> FIELD_NAME = ValueType.scalar("a field name such as pin", text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        return text;
    });

    private static final String JSON_PATH_EXAMPLE = "a JSON path such as $.card.number, $..cvv or $.items[*].pan";

    private static final ValueType<String> JSON_PATH = ValueType.scalar(JSON_PATH_EXAMPLE, text -> {
        try {
            return JsonPath.parse(text).text();
        } catch (IllegalArgumentException e) {
            // JsonPath's messages say where the path goes wrong and never quote it.
            throw new UnexpectedValue(JSON_PATH_EXAMPLE + "; " + e.getMessage());
        }
    });

    private static final ValueType<MaskConfig> MASK = ValueType.section(
            "a mapping such as { json: [ \"$.card.number\" ], headers: [ X-Api-Key ], form: [ pin ], query: [ token ] }",
            section -> new MaskConfig(
                    section.optional(
                            "json",
                            ValueType.distinctListOf("a list of JSON paths, such as [ \"$..cvv\" ]", JSON_PATH, 0),
                            List.of()),
                    section.optional("headers", MASKED_HEADERS, List.of()),
                    section.optional(
                            "form",
                            ValueType.distinctListOf("a list of form field names, such as [ pin ]", FIELD_NAME, 0),
                            List.of()),
                    section.optional(
                            "query",
                            ValueType.distinctListOf(
                                    "a list of query parameter names, such as [ token ]", FIELD_NAME, 0),
                            List.of())));

    private ConnectorSchema() {}

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown charset", e);
        }
    }

    /** Returns the type of one connector's mapping, which becomes a connector with the given id. */
    static ValueType<ConnectorConfig> type(String id) {
        return ValueType.section(
                "a mapping of the connector's settings, such as { upstream: { endpoints: [ \"http://10.0.0.5:9000\" ]"
                        + " } }",
                section -> connector(id, section));
    }

    private static @Nullable ConnectorConfig connector(String id, Section section) {
        String capability = section.optional("capability", CAPABILITY);
        UpstreamConfig upstream = section.required("upstream", UPSTREAM);
        RetryConfig retry = section.optional("retry", RETRY);
        CircuitBreakerConfig circuitBreaker = section.optional("circuit-breaker", CIRCUIT_BREAKER);
        LimitsConfig limits = section.optional("limits", LIMITS, LimitsConfig.NONE);
        CredentialsConfig credentials = section.optional("credentials", CREDENTIALS);
        Charset charset = section.optional("charset", CHARSET);
        ScheduleConfig schedule = section.optional("schedule", ScheduleSchema.SCHEDULE);
        ObjectivesConfig objectives = section.optional("objectives", OBJECTIVES);
        List<CheckConfig> checks = section.optional("checks", ProbeSchema.CHECKS, List.of());
        List<ResourceConfig> resources = section.optional("resources", ProbeSchema.RESOURCES, List.of());
        MaskConfig mask = section.optional("mask", MASK, MaskConfig.NONE);

        return upstream == null
                ? null
                : new ConnectorConfig(
                        id,
                        capability,
                        upstream,
                        retry,
                        circuitBreaker,
                        limits,
                        credentials,
                        schedule,
                        charset,
                        objectives,
                        checks,
                        resources,
                        mask);
    }

    private static ObjectivesConfig objectives(Section section) {
        Percentage errorRate = section.optional("error-rate", Scalars.POSITIVE_PERCENTAGE);
        Duration p95 = section.optional("p95", Scalars.POSITIVE_DURATION);
        Duration window = section.optional("window", OBJECTIVES_WINDOW, ObjectivesConfig.DEFAULT_WINDOW);
        int minRequests = section.optional(
                "min-requests", Scalars.wholeNumber(1, 1_000_000), ObjectivesConfig.DEFAULT_MIN_REQUESTS);

        if (!section.has("error-rate") && !section.has("p95")) {
            section.report("a mapping without error-rate or p95 (expected: at least one objective, such as"
                    + " { error-rate: 5%, p95: 2s })");
        }
        return new ObjectivesConfig(errorRate, p95, window, minRequests);
    }

    private static UpstreamConfig upstream(Section section) {
        List<URI> endpoints = section.required("endpoints", ENDPOINTS);
        Balance balance =
                section.optional("balance", Scalars.oneOf(Scalars.yamlNames(Balance.class)), Balance.ROUND_ROBIN);
        Duration connectTimeout = section.optional("connect-timeout", Scalars.POSITIVE_DURATION, Duration.ofSeconds(2));
        Duration responseTimeout =
                section.optional("response-timeout", Scalars.POSITIVE_DURATION, Duration.ofSeconds(30));
        Duration callTimeout = section.optional("call-timeout", Scalars.POSITIVE_DURATION, Duration.ofSeconds(60));
        int maxConnections = section.optional("max-connections", Scalars.wholeNumber(1, 10_000), 128);
        Duration keepAlive = section.optional("keep-alive", Scalars.POSITIVE_DURATION, Duration.ofSeconds(60));
        UpstreamProtocol protocol = section.optional(
                "protocol", Scalars.oneOf(Scalars.yamlNames(UpstreamProtocol.class)), UpstreamProtocol.HTTP1);
        TlsConfig tls = section.optional("tls", TLS, TlsConfig.DEFAULT);
        OutlierConfig outlier = section.optional("outlier", OUTLIER, OutlierConfig.DEFAULT);

        return new UpstreamConfig(
                endpoints == null ? List.of() : endpoints,
                balance,
                connectTimeout,
                responseTimeout,
                callTimeout,
                maxConnections,
                keepAlive,
                protocol,
                tls,
                outlier);
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        String scheme = Objects.toString(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnexpectedValue("an absolute http or https URL " + ENDPOINT_EXAMPLE);
        }
        if (uri.getHost() == null) {
            throw new UnexpectedValue("a URL with a host name or address " + ENDPOINT_EXAMPLE);
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnexpectedValue("a URL without user info; provider secrets go under credentials:");
        }
        if (uri.getRawQuery() != null) {
            throw new UnexpectedValue("a URL without a query; callers' queries are passed on as they are");
        }
        if (uri.getRawFragment() != null) {
            throw new UnexpectedValue("a URL without a fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new UnexpectedValue("a URL whose port lies between 1 and 65535");
        }
        return uri;
    }

    private static TlsConfig tls(Section section) {
        Path directory = section.source().directory();
        Path caFile = section.optional(
                "ca-file",
                ValueType.scalar(
                        "a readable file of PEM certificates, its path relative to the config file's directory",
                        text -> caFile(directory, text)));
        boolean verifyHost = section.optional("verify-host", Scalars.BOOLEAN, TlsConfig.DEFAULT.verifyHost());
        return new TlsConfig(caFile, verifyHost);
    }

    private static Path caFile(Path directory, String text) {
        Path path;
        try {
            path = directory.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path", e);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UnexpectedValue("a readable file of PEM certificates, and there is none at that path from "
                    + directory.toAbsolutePath().normalize());
        }
        return path;
    }

    private static OutlierConfig outlier(Section section) {
        OutlierConfig defaults = OutlierConfig.DEFAULT;
        return new OutlierConfig(
                section.optional("consecutive-failures", Scalars.wholeNumber(1, 1000), defaults.consecutiveFailures()),
                section.optional("eject-for", Scalars.POSITIVE_DURATION, defaults.ejectFor()),
                section.optional("max-ejected", Scalars.PERCENTAGE, defaults.maxEjected()));
    }

    private static RetryConfig retry(Section section) {
        RetryConfig defaults = RetryConfig.DEFAULT;
        int attempts = section.optional("attempts", Scalars.wholeNumber(1, 10), defaults.attempts());
        Duration backoff = section.optional("backoff", Scalars.DURATION, defaults.backoff());
        Duration maxBackoff = section.optional("max-backoff", Scalars.DURATION, defaults.maxBackoff());
        List<FailureTriggers> on = section.optional("on", FailureTriggers.LIST);
        Percentage budget = section.optional("budget", Scalars.PERCENTAGE, defaults.budget());
        int minRetriesPerSecond = section.optional(
                "min-retries-per-second", Scalars.wholeNumber(0, 10_000), defaults.minRetriesPerSecond());
        DataSize bufferLimit = section.optional("buffer-limit", Scalars.SIZE, defaults.bufferLimit());

        if (maxBackoff.compareTo(backoff) < 0) {
            if (section.has("max-backoff")) {
                section.report(
                        "max-backoff",
                        section.shown("max-backoff", "") + " (expected: at least the backoff, "
                                + section.shown("backoff", "100ms") + ")");
            } else {
                section.report(
                        "backoff",
                        section.shown("backoff", "") + " (expected: at most the max-backoff, 2s, or a max-backoff"
                                + " beside it)");
            }
        }
        FailureTriggers triggers = on == null
                ? new FailureTriggers(defaults.onFailures(), defaults.onStatuses())
                : FailureTriggers.all(on);
        return new RetryConfig(
                attempts,
                backoff,
                maxBackoff,
                triggers.failures(),
                triggers.statuses(),
                budget,
                minRetriesPerSecond,
                bufferLimit);
    }

    private static CircuitBreakerConfig circuitBreaker(Section section) {
        CircuitBreakerConfig defaults = CircuitBreakerConfig.DEFAULT;
        return new CircuitBreakerConfig(
                section.optional("failure-rate", Scalars.POSITIVE_PERCENTAGE, defaults.failureRate()),
                section.optional("window", Scalars.POSITIVE_DURATION, defaults.window()),
                section.optional("min-requests", Scalars.wholeNumber(1, 1_000_000), defaults.minRequests()),
                section.optional("open-for", Scalars.POSITIVE_DURATION, defaults.openFor()),
                section.optional("half-open-requests", Scalars.wholeNumber(1, 1000), defaults.halfOpenRequests()),
                section.optional("slow-call", Scalars.POSITIVE_DURATION));
    }

    private static LimitsConfig limits(Section section) {
        Rate rate = section.optional("rate", Scalars.RATE);
        Integer burst = section.optional("burst", Scalars.wholeNumber(1, Integer.MAX_VALUE));
        Integer concurrency = section.optional("concurrency", Scalars.wholeNumber(1, 1_000_000));

        if (burst != null && !section.has("rate")) {
            section.report(
                    "burst",
                    section.shown("burst", "") + " (expected: a rate beside the burst, whose bucket it sizes)");
        }
        int bucket = burst != null ? burst : rate != null ? rate.permits() : 0;
        return new LimitsConfig(rate, bucket, concurrency);
    }

    private static @Nullable CredentialsConfig credentials(Section section) {
        String header = section.optional("header", HEADER);
        String query = section.optional("query", Scalars.TEXT);
        Basic basic = section.optional("basic", BASIC);
        List<String> forms =
                Stream.of("header", "query", "basic").filter(section::has).toList();

        if (forms.size() != 1) {
            section.optional("value", CREDENTIAL_SECRET);
            if (forms.isEmpty()) {
                section.report("a mapping without header, query or basic (expected: exactly one of them, as in"
                        + " { header: Authorization, value: \"Bearer ${COURIER_TOKEN}\" })");
            } else {
                section.report(
                        forms.get(1),
                        section.shown(forms.get(1), "") + " (expected: exactly one of header, query or basic, and"
                                + " this one stands beside " + forms.get(0) + ")");
            }
            return null;
        }
        if (forms.get(0).equals("basic")) {
            if (section.has("value")) {
                section.optional("value", CREDENTIAL_SECRET);
                section.report(
                        "value",
                        section.shownSecret("value") + " (expected: no value beside basic; the password goes inside,"
                                + " as in basic: { username: shop, password: \"${PAY_PASSWORD}\" })");
            }
            return basic == null
                    ? null
                    : new CredentialsConfig(CredentialsConfig.Placement.BASIC, basic.username(), basic.password());
        }
        Secret value = section.required("value", CREDENTIAL_SECRET);
        if (header != null && value != null) {
            return new CredentialsConfig(CredentialsConfig.Placement.HEADER, header, value);
        }
        if (query != null && value != null) {
            return new CredentialsConfig(CredentialsConfig.Placement.QUERY, query, value);
        }
        return null;
    }

    /**
     * The {@code basic:} form of credentials.
     *
     * @param username the user name
     * @param password the password
     */
    private record Basic(String username, Secret password) {}

    private static @Nullable Basic basic(Section section) {
        String username = section.required("username", USERNAME);
        Secret password = section.required("password", CREDENTIAL_SECRET);
        return username == null || password == null ? null : new Basic(username, password);
    }
}
