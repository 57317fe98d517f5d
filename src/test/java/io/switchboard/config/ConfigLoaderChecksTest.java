package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.connector;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderChecksTest {
    private static final String ID_EXPECTED = "(expected: a connector id of lowercase letters, digits and dashes, at"
            + " most 63 of them, such as courier-express)";

    /** A connector {@code sms} with one more line, on line 4 at column 5. */
    private static String smsWith(String line) {
        return """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                    %s
                """.formatted(line);
    }

    @ParameterizedTest(name = "connector id {0} is refused")
    @ValueSource(strings = {"Courier", "-sms", "sms_1", "sms.eu", "\"~sms\"", "\"\"", "'a b'"})
    void refusesConnectorIdsThatAreNoUrlSegment(String id) {
        String yaml = """
                connectors:
                  %s:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                """.formatted(id);
        String written = id.startsWith("\"") || id.startsWith("'") ? id.substring(1, id.length() - 1) : id;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:2:3: connectors." + written + ": \"" + written + "\" " + ID_EXPECTED);
    }

    @Test
    void refusesConnectorIdsLongerThan63Characters() {
        String id = "a".repeat(64);

        List<String> problems = problems("connectors:\n  " + id + ": { upstream: { endpoints: [ \"http://a\" ] } }\n");

        assertThat(problems)
                .containsExactly("switchboard.yaml:2:3: connectors." + id + ": \"" + id + "\" " + ID_EXPECTED);
    }

    @ParameterizedTest(name = "connector id {0} is accepted")
    @ValueSource(strings = {"sms", "courier-express", "0day", "a-1-b", "x"})
    void acceptsLowercaseIdsWithDigitsAndDashes(String id) {
        SwitchboardConfig config = config("connectors:\n  " + id + ": { upstream: { endpoints: [ \"http://a\" ] } }\n");

        assertThat(config.connectors()).containsOnlyKeys(id);
    }

    @Test
    void refusesACapabilityNameThatIsNoUrlSegment() {
        List<String> problems = problems(smsWith("capability: SMS Gateway"));

        assertThat(problems)
                .containsExactly("switchboard.yaml:4:17: connectors.sms.capability: \"SMS Gateway\" (expected: a"
                        + " capability name of lowercase letters, digits and dashes, such as sms or delivery)");
    }

    @ParameterizedTest(name = "[{index}] endpoint {0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://files.example.com|an absolute http or https URL such as http://10.0.0.5:9000/api",
                "/api/v1|an absolute http or https URL such as http://10.0.0.5:9000/api",
                "http://|an absolute http or https URL such as http://10.0.0.5:9000/api",
                "http://under_score:9000|a URL with a host name or address such as http://10.0.0.5:9000/api",
                "https://user:pw@sms.example.com|a URL without user info; provider secrets go under credentials:",
                "http://sms.example.com/api?key=1|a URL without a query; callers' queries are passed on as they are",
                "http://sms.example.com/api#top|a URL without a fragment",
                "http://sms.example.com:0|a URL whose port lies between 1 and 65535",
                "http://sms.example.com:99999|a URL whose port lies between 1 and 65535"
            })
    void refusesEndpointsThatAreNoBaseUrl(String endpoint, String expected) {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "%s" ] }
                """.formatted(endpoint);

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:3:30: connectors.sms.upstream.endpoints[0]: \"" + endpoint
                        + "\" (expected: " + expected + ")");
    }

    @Test
    void refusesARepeatedOrEmptyEndpointList() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "http://a:1", "http://b:1", "HTTP://A:1" ] }
                  mail:
                    upstream: { endpoints: [] }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:3:58: connectors.sms.upstream.endpoints[2]: \"HTTP://A:1\" (expected: each"
                                + " item once; it repeats [0])",
                        "switchboard.yaml:5:28: connectors.mail.upstream.endpoints: an empty list (expected: a list of"
                                + " at least one endpoint URL, such as [ \"http://10.0.0.5:9000\","
                                + " \"http://10.0.0.6:9000\" ])");
    }

    @ParameterizedTest(name = "store {0} is accepted")
    @ValueSource(
            strings = {
                "sqlite:./data/switchboard.db",
                "sqlite:/var/lib/switchboard/sb.db",
                "postgresql://db.internal:5432/switchboard",
                "postgres://switchboard:pw@db.internal/switchboard",
                "postgresql://db.internal/switchboard?sslmode=require"
            })
    void acceptsSqliteAndPostgresqlStores(String store) {
        SwitchboardConfig config = config("gateway:\n  store: " + store + "\n");

        assertThat(config.gateway().store()).isEqualTo(store);
    }

    @ParameterizedTest(name = "store {0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "mysql://db/switchboard|sqlite:PATH or postgresql://HOST:PORT/DB",
                "./data/switchboard.db|sqlite:PATH or postgresql://HOST:PORT/DB",
                "sqlite:|a file after sqlite:, such as sqlite:./data/switchboard.db",
                "postgresql:///switchboard|postgresql://HOST:PORT/DB with a host and a database name",
                "postgresql://db.internal:5432|postgresql://HOST:PORT/DB with a host and a database name",
                "postgresql://db internal/sb|a URL such as postgresql://HOST:PORT/DB, with special characters in the"
                        + " password percent-encoded"
            })
    void refusesStoresThatAreNeitherSqliteNorPostgresql(String store, String expected) {
        List<String> problems = problems("gateway:\n  store: \"" + store + "\"\n");

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:2:10: gateway.store: \"" + store + "\" (expected: " + expected + ")");
    }

    @Test
    void refusesTokensWithRepeatedNamesUnknownRolesAndMissingKeys() {
        String yaml = """
                gateway:
                  tokens:
                    - { name: ops, role: operator, secret: "${TOKEN_A}" }
                    - { name: ops, role: admn, secret: "${TOKEN_B}" }
                    - { role: viewer, secret: "${TOKEN_C}" }
                    - ops
                """;
        Map<String, String> environment = Map.of(
                "TOKEN_A", "a-secret-0123456789", "TOKEN_B", "b-secret-0123456789", "TOKEN_C", "c-secret-0123456789");

        List<String> problems = problems(yaml, environment);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:4:15: gateway.tokens[1].name: \"ops\" (expected: a name no other token has;"
                                + " gateway.tokens[0] has it)",
                        "switchboard.yaml:4:26: gateway.tokens[1].role: \"admn\" (expected: one of viewer, operator,"
                                + " admin; did you mean \"admin\"?)",
                        "switchboard.yaml:5:7: gateway.tokens[2].name: missing key (expected: a text that is not"
                                + " blank)",
                        "switchboard.yaml:6:7: gateway.tokens[3]: \"ops\" (expected: a token such as { name:"
                                + " ops-console, role: operator, secret: \"${SB_OPS_TOKEN}\" })");
    }

    @ParameterizedTest(name = "[{index}] listen {0} and admin {1} clash")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1:8080|127.0.0.1:8080|3:10: gateway.admin: \"127.0.0.1:8080\" (expected: an address apart"
                        + " from gateway.listen, which is \"127.0.0.1:8080\"; the proxy and the admin API listen"
                        + " separately)",
                "':9000'|127.0.0.1:9000|3:10: gateway.admin: \"127.0.0.1:9000\" (expected: an address apart from"
                        + " gateway.listen, which is \":9000\"; the proxy and the admin API listen separately)"
            })
    void refusesListenAndAdminOnOnePort(String listen, String admin, String expected) {
        List<String> problems = problems("gateway:\n  listen: " + listen + "\n  admin: " + admin + "\n");

        assertThat(problems).containsExactly("switchboard.yaml:" + expected);
    }

    @Test
    void refusesAListenAddressThatTakesTheDefaultAdminPort() {
        List<String> problems = problems("gateway:\n  listen: 127.0.0.1:8081\n");

        assertThat(problems)
                .containsExactly("switchboard.yaml:2:11: gateway.listen: \"127.0.0.1:8081\" (expected: an address"
                        + " apart from gateway.admin, which is \"127.0.0.1:8081\"; the proxy and the admin API listen"
                        + " separately)");
    }

    @ParameterizedTest(name = "listen {0} and admin {1} may live side by side")
    @CsvSource({"127.0.0.1:0, 127.0.0.1:0", "127.0.0.1:8080, 10.0.0.1:8080", "'[::1]:8080', '[::1]:8081'"})
    void acceptsListenersOnDifferentPortsOrHosts(String listen, String admin) {
        SwitchboardConfig config = config("gateway:\n  listen: \"" + listen + "\"\n  admin: \"" + admin + "\"\n");

        assertThat(config.gateway().listen()).isEqualTo(HostPort.parse(listen));
        assertThat(config.gateway().admin()).isEqualTo(HostPort.parse(admin));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "max-header-count: 0|gateway.limits.max-header-count: \"0\" (expected: a whole number from 1 to 10000)",
                "max-uri-length: 10|gateway.limits.max-uri-length: \"10\" (expected: a whole number from 16 to"
                        + " 1048576)",
                "max-body-size: 0|gateway.limits.max-body-size: \"0\" (expected: a size above zero such as 8KiB or"
                        + " 10MiB)",
                "idle-timeout: 0s|gateway.limits.idle-timeout: \"0s\" (expected: a duration above zero with a unit,"
                        + " such as 250ms, 2s, 5m, 1h or 7d)"
            })
    void refusesServerLimitsOutOfRange(String line, String expected) {
        List<String> problems = problems("gateway:\n  limits:\n    " + line + "\n");

        assertThat(problems)
                .hasSize(1)
                .first()
                .asString()
                .startsWith("switchboard.yaml:3:")
                .endsWith(expected);
    }

    @Test
    void expandsStatusClassesAndSplitsFailuresFromStatuses() {
        RetryConfig retry = Objects.requireNonNull(
                connector(smsWith("retry: { on: [ 5xx, reset, 429 ] }")).retry());

        assertThat(retry.onFailures()).containsExactly("reset");
        assertThat(retry.onStatuses()).hasSize(101).contains(429, 500, 503, 599).doesNotContain(499, 600);
    }

    @Test
    void retriesNothingWhenTheListIsEmpty() {
        RetryConfig retry =
                Objects.requireNonNull(connector(smsWith("retry: { on: [] }")).retry());

        assertThat(retry.onFailures()).isEmpty();
        assertThat(retry.onStatuses()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "retry: { attempts: 0 }|4:24: connectors.sms.retry.attempts: \"0\" (expected: a whole number from 1 to"
                        + " 10)",
                "retry: { attempts: 11 }|4:24: connectors.sms.retry.attempts: \"11\" (expected: a whole number from 1"
                        + " to 10)",
                "retry: { on: [ 600 ] }|4:20: connectors.sms.retry.on[0]: \"600\" (expected: a status from 100 to 599,"
                        + " or a class such as 5xx)",
                "retry: { on: [ 6xx ] }|4:20: connectors.sms.retry.on[0]: \"6xx\" (expected: a status such as 503 or"
                        + " 5xx, or one of connect-failure, connect-timeout, reset, timeout)",
                "retry: { on: [ timeouts ] }|4:20: connectors.sms.retry.on[0]: \"timeouts\" (expected: a status such"
                        + " as 503 or 5xx, or one of connect-failure, connect-timeout, reset, timeout; did you mean"
                        + " \"timeout\"?)",
                "retry: { backoff: 1s, max-backoff: 500ms }|4:40: connectors.sms.retry.max-backoff: \"500ms\""
                        + " (expected: at least the backoff, \"1s\")",
                "retry: { backoff: 5s }|4:23: connectors.sms.retry.backoff: \"5s\" (expected: at most the max-backoff,"
                        + " 2s, or a max-backoff beside it)",
                "retry: { budget: 120% }|4:22: connectors.sms.retry.budget: \"120%\" (expected: a percentage from 0% to"
                        + " 100%, such as 50%)",
                "circuit-breaker: { min-requests: 0 }|4:38: connectors.sms.circuit-breaker.min-requests: \"0\""
                        + " (expected: a whole number from 1 to 1000000)",
                "circuit-breaker: { half-open-requests: 0 }|4:44: connectors.sms.circuit-breaker.half-open-requests:"
                        + " \"0\" (expected: a whole number from 1 to 1000)",
                "circuit-breaker: { window: 0s }|4:32: connectors.sms.circuit-breaker.window: \"0s\" (expected: a"
                        + " duration above zero with a unit, such as 250ms, 2s, 5m, 1h or 7d)",
                "circuit-breaker: { failure-rate: 0 }|4:38: connectors.sms.circuit-breaker.failure-rate: \"0\""
                        + " (expected: a percentage above 0% and up to 100%, such as 50%)",
                "circuit-breaker: { slow-call: 0ms }|4:35: connectors.sms.circuit-breaker.slow-call: \"0ms\" (expected:"
                        + " a duration above zero with a unit, such as 250ms, 2s, 5m, 1h or 7d)",
                "limits: { rate: 0/s }|4:21: connectors.sms.limits.rate: \"0/s\" (expected: a rate such as 10/s, 600/m"
                        + " or 5000/h)",
                "limits: { burst: 5 }|4:22: connectors.sms.limits.burst: \"5\" (expected: a rate beside the burst, whose"
                        + " bucket it sizes)",
                "limits: { concurrency: 0 }|4:28: connectors.sms.limits.concurrency: \"0\" (expected: a whole number"
                        + " from 1 to 1000000)"
            })
    void refusesPolicySettingsOutOfRange(String line, String expected) {
        List<String> problems = problems(smsWith(line));

        assertThat(problems).containsExactly("switchboard.yaml:" + expected);
    }

    @ParameterizedTest(name = "[{index}] {0} gives a bucket of {1}")
    @CsvSource(
            delimiter = '|',
            value = {"limits: { rate: 10/s }|10", "limits: { rate: 600/m }|600", "limits: { rate: 10/s, burst: 3 }|3"})
    void sizesTheBucketByTheRateUnlessABurstIsGiven(String line, int burst) {
        ConnectorConfig sms = connector(smsWith(line));

        assertThat(sms.limits().burst()).isEqualTo(burst);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "credentials: { header: Authorization, value: \"${KEY}\" }|HEADER|Authorization",
                "credentials: { query: api_key, value: \"${KEY}\" }|QUERY|api_key",
                "credentials: { basic: { username: shop, password: \"${KEY}\" } }|BASIC|shop"
            })
    void readsEachFormOfCredentials(String line, CredentialsConfig.Placement placement, String name) {
        SwitchboardConfig config = config(smsWith(line), Map.of("KEY", "the-key"));

        assertThat(TestYaml.connector(config, "sms").credentials())
                .isEqualTo(new CredentialsConfig(placement, name, new Secret("the-key")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "credentials: { value: \"${KEY}\" }|4:18: connectors.sms.credentials: a mapping without header, query"
                        + " or basic (expected: exactly one of them, as in { header: Authorization, value: \"Bearer"
                        + " ${COURIER_TOKEN}\" })",
                "credentials: { header: X-Key, query: key, value: \"${KEY}\" }|4:42: connectors.sms.credentials.query:"
                        + " \"key\" (expected: exactly one of header, query or basic, and this one stands beside"
                        + " header)",
                "credentials: { basic: { username: shop, password: \"${KEY}\" }, value: \"${KEY}\" }|4:74:"
                        + " connectors.sms.credentials.value: \"${KEY}\" (expected: no value beside basic; the"
                        + " password goes inside, as in basic: { username: shop, password: \"${PAY_PASSWORD}\" })",
                "credentials: { basic: { username: shop } }|4:27: connectors.sms.credentials.basic.password: missing"
                        + " key (expected: a secret from the environment, such as \"Bearer ${COURIER_TOKEN}\")",
                "credentials: { basic: { username: \"a:b\", password: \"${KEY}\" } }|4:39:"
                        + " connectors.sms.credentials.basic.username: \"a:b\" (expected: a user name without a colon,"
                        + " which basic authentication cannot carry)",
                "credentials: { header: X Key, value: \"${KEY}\" }|4:28: connectors.sms.credentials.header: \"X Key\""
                        + " (expected: a header name such as Authorization)",
                "credentials: { header: X-Key }|4:18: connectors.sms.credentials.value: missing key (expected: a secret"
                        + " from the environment, such as \"Bearer ${COURIER_TOKEN}\")",
                "credentials: { header: X-Key, value: \"${EMPTY}\" }|4:42: connectors.sms.credentials.value:"
                        + " \"${EMPTY}\" (expected: a secret that is not empty)",
                "credentials: { header: X-Key, value: \"${KEY}\", prefix: Bearer }|4:52:"
                        + " connectors.sms.credentials.prefix: unknown key (expected: one of header, query, basic,"
                        + " value)"
            })
    void refusesCredentialsThatAreNotExactlyOneForm(String line, String expected) {
        List<String> problems = problems(smsWith(line), Map.of("KEY", "the-key", "EMPTY", ""));

        assertThat(problems).containsExactly("switchboard.yaml:" + expected);
    }

    @Test
    void findsTheCaFileNextToTheConfigFile(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("certs"));
        Files.writeString(directory.resolve("certs/provider-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        String yaml = smsWith("")
                .replace(
                        "upstream: { endpoints: [ \"https://sms.example.com\" ] }",
                        "upstream: { endpoints: [ \"https://sms.example.com\" ], tls: { ca-file: certs/provider-ca.pem,"
                                + " verify-host: false } }");

        LoadResult result = ConfigLoader.parse(yaml, "switchboard.yaml", directory, Map.of());

        assertThat(result.problems()).isEmpty();
        SwitchboardConfig config = ((LoadResult.Valid) result).config();
        assertThat(TestYaml.connector(config, "sms").upstream().tls())
                .isEqualTo(new TlsConfig(directory.resolve("certs/provider-ca.pem"), false));
    }

    @Test
    void refusesACaFileThatDoesNotExist(@TempDir Path directory) {
        String yaml = """
                connectors:
                  sms:
                    upstream:
                      endpoints: [ "https://sms.example.com" ]
                      tls: { ca-file: certs/missing.pem, verify-host: yes }
                """;

        LoadResult result = ConfigLoader.parse(yaml, "switchboard.yaml", directory, Map.of());

        assertThat(result.problems())
                .map(ConfigProblem::toString)
                .containsExactly(
                        "switchboard.yaml:5:23: connectors.sms.upstream.tls.ca-file: \"certs/missing.pem\" (expected:"
                                + " a readable file of PEM certificates, and there is none at that path from "
                                + directory.toAbsolutePath().normalize() + ")",
                        "switchboard.yaml:5:55: connectors.sms.upstream.tls.verify-host: \"yes\" (expected: true or"
                                + " false)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "balance: least-request|5:16: connectors.sms.upstream.balance: \"least-request\" (expected: one of"
                        + " round-robin, least-requests; did you mean \"least-requests\"?)",
                "protocol: h2|5:17: connectors.sms.upstream.protocol: \"h2\" (expected: one of http1, http2)",
                "max-connections: 0|5:24: connectors.sms.upstream.max-connections: \"0\" (expected: a whole number from"
                        + " 1 to 10000)",
                "outlier: { max-ejected: 150% }|5:31: connectors.sms.upstream.outlier.max-ejected: \"150%\" (expected:"
                        + " a percentage from 0% to 100%, such as 50%)",
                "outlier: { consecutive-failures: 0 }|5:40: connectors.sms.upstream.outlier.consecutive-failures:"
                        + " \"0\" (expected: a whole number from 1 to 1000)"
            })
    void refusesUpstreamSettingsOutOfRange(String line, String expected) {
        String yaml = """
                connectors:
                  sms:
                    upstream:
                      endpoints: [ "https://sms.example.com" ]
                      %s
                """.formatted(line);

        List<String> problems = problems(yaml);

        assertThat(problems).containsExactly("switchboard.yaml:" + expected);
    }

    @Test
    void readsEveryUpstreamSetting() {
        String yaml = """
                connectors:
                  sms:
                    upstream:
                      endpoints: [ "https://a.example.com/v1", "https://b.example.com/v1" ]
                      balance: least-requests
                      connect-timeout: 500ms
                      response-timeout: 5s
                      call-timeout: 20s
                      max-connections: 16
                      keep-alive: 2m
                      protocol: http2
                      outlier: { consecutive-failures: 3, eject-for: 1m, max-ejected: 34% }
                """;

        UpstreamConfig upstream = connector(yaml).upstream();

        assertThat(upstream)
                .isEqualTo(new UpstreamConfig(
                        List.of(
                                java.net.URI.create("https://a.example.com/v1"),
                                java.net.URI.create("https://b.example.com/v1")),
                        Balance.LEAST_REQUESTS,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(20),
                        16,
                        Duration.ofMinutes(2),
                        UpstreamProtocol.HTTP2,
                        TlsConfig.DEFAULT,
                        new OutlierConfig(3, Duration.ofMinutes(1), new Percentage(34))));
    }

    @Test
    void readsEveryPolicySetting() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                    retry:
                      attempts: 5
                      backoff: 50ms
                      max-backoff: 1s
                      on: [ connect-failure, connect-timeout, timeout, reset, 502 ]
                      budget: 10%
                      min-retries-per-second: 1
                      buffer-limit: 1MiB
                    circuit-breaker:
                      failure-rate: 25%
                      window: 1m
                      min-requests: 5
                      open-for: 10s
                      half-open-requests: 1
                      slow-call: 3s
                    limits: { rate: 5000/h, burst: 50, concurrency: 4 }
                """;

        ConnectorConfig sms = connector(yaml);

        assertThat(sms.retry())
                .isEqualTo(new RetryConfig(
                        5,
                        Duration.ofMillis(50),
                        Duration.ofSeconds(1),
                        Set.of("connect-failure", "connect-timeout", "timeout", "reset"),
                        Set.of(502),
                        new Percentage(10),
                        1,
                        DataSize.ofMebibytes(1)));
        assertThat(sms.circuitBreaker())
                .isEqualTo(new CircuitBreakerConfig(
                        new Percentage(25),
                        Duration.ofMinutes(1),
                        5,
                        Duration.ofSeconds(10),
                        1,
                        Duration.ofSeconds(3)));
        assertThat(sms.limits()).isEqualTo(new LimitsConfig(new Rate(5000, Duration.ofHours(1)), 50, 4));
    }

    @Test
    void readsEveryGatewaySetting() {
        String yaml = """
                gateway:
                  listen: 0.0.0.0:80
                  admin: "[::1]:9901"
                  store: postgresql://db.internal:5432/switchboard
                  journal: { body-limit: 0, retention: 36h }
                  limits:
                    max-header-size: 32KiB
                    max-header-count: 50
                    max-uri-length: 4096
                    max-body-size: 1GiB
                    idle-timeout: 2m
                    request-read-timeout: 10s
                  drain-timeout: 0s
                """;

        GatewayConfig gateway = config(yaml).gateway();

        assertThat(gateway)
                .isEqualTo(new GatewayConfig(
                        new HostPort("0.0.0.0", 80),
                        new HostPort("::1", 9901),
                        "postgresql://db.internal:5432/switchboard",
                        new JournalConfig(DataSize.ofBytes(0), Duration.ofHours(36)),
                        List.of(),
                        new ServerLimits(
                                DataSize.ofKibibytes(32),
                                50,
                                4096,
                                DataSize.ofMebibytes(1024),
                                Duration.ofMinutes(2),
                                Duration.ofSeconds(10)),
                        Duration.ZERO,
                        List.of(),
                        false));
    }

    @Test
    void reportsEachProblemOfALongListOnce() {
        String endpoints = String.join(
                ", ",
                IntStream.range(0, 5).mapToObj(i -> "\"ftp://h" + i + "\"").toList());

        List<String> problems = problems("connectors:\n  sms:\n    upstream: { endpoints: [ " + endpoints + " ] }\n");

        assertThat(problems)
                .hasSize(5)
                .allSatisfy(problem -> assertThat(problem).contains("ftp://h"));
    }
}
