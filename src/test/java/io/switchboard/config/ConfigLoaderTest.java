package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final Map<String, String> SAMPLE_ENVIRONMENT =
            Map.of("SB_OPS_TOKEN", "ops-token-0123456789", "COURIER_TOKEN", "courier-token");

    /** The sample of DESIGN.md without the keys of later steps (schedule, charset, mask, checks, resources). */
    private static final String SAMPLE = """
            gateway:
              listen: 127.0.0.1:8080
              admin: 127.0.0.1:8081
              store: sqlite:./data/switchboard.db
              journal: { body-limit: 8KiB, retention: 7d }
              tokens:
                - { name: ops-console, role: operator, secret: "${SB_OPS_TOKEN}" }
            connectors:
              courier-express:
                capability: delivery
                upstream:
                  endpoints: [ "http://10.0.0.5:9000", "http://10.0.0.6:9000" ]   # or dns: / consul:
                  connect-timeout: 2s
                  response-timeout: 10s
                retry: { attempts: 3, backoff: 100ms, on: [connect-failure, 502, 503, 504] }
                circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }
                limits: { rate: 10/s, concurrency: 20 }
                credentials: { header: Authorization, value: "Bearer ${COURIER_TOKEN}" }
            """;

    @Test
    void loadsTheSampleConfigOfTheDesign() {
        SwitchboardConfig config = config(SAMPLE, SAMPLE_ENVIRONMENT);

        assertThat(config.gateway())
                .isEqualTo(new GatewayConfig(
                        new HostPort("127.0.0.1", 8080),
                        new HostPort("127.0.0.1", 8081),
                        "sqlite:./data/switchboard.db",
                        new JournalConfig(DataSize.ofKibibytes(8), Duration.ofDays(7)),
                        List.of(new TokenConfig("ops-console", Role.OPERATOR, new Secret("ops-token-0123456789"))),
                        ServerLimits.DEFAULT,
                        Duration.ofSeconds(30),
                        List.of(),
                        false));
        assertThat(config.connectors())
                .containsExactly(Map.entry(
                        "courier-express",
                        new ConnectorConfig(
                                "courier-express",
                                "delivery",
                                new UpstreamConfig(
                                        List.of(URI.create("http://10.0.0.5:9000"), URI.create("http://10.0.0.6:9000")),
                                        Balance.ROUND_ROBIN,
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(10),
                                        Duration.ofSeconds(60),
                                        128,
                                        Duration.ofSeconds(60),
                                        UpstreamProtocol.HTTP1,
                                        TlsConfig.DEFAULT,
                                        OutlierConfig.DEFAULT),
                                new RetryConfig(
                                        3,
                                        Duration.ofMillis(100),
                                        Duration.ofSeconds(2),
                                        Set.of("connect-failure"),
                                        Set.of(502, 503, 504),
                                        new Percentage(20),
                                        3,
                                        DataSize.ofKibibytes(64)),
                                new CircuitBreakerConfig(
                                        new Percentage(50),
                                        Duration.ofSeconds(30),
                                        20,
                                        Duration.ofSeconds(30),
                                        3,
                                        null),
                                new LimitsConfig(new Rate(10, Duration.ofSeconds(1)), 10, 20),
                                new CredentialsConfig(
                                        CredentialsConfig.Placement.HEADER,
                                        "Authorization",
                                        new Secret("Bearer courier-token")),
                                null,
                                null,
                                null,
                                List.of(),
                                List.of(),
                                MaskConfig.NONE)));
    }

    @Test
    void readsEveryKeyOfTheFullDesignSampleAndNamesProvidersThatAreNoConnectors() {
        String full = """
                gateway:
                  listen: 127.0.0.1:8080
                connectors:
                  courier-express:
                    upstream:
                      endpoints: [ "http://10.0.0.5:9000" ]
                    schedule:
                      zone: Europe/Moscow
                      open: [ "Mon-Fri 09:00-21:00", "Sat 10:00-18:00" ]
                      closed-on: [ 2026-12-31, 2027-01-01 ]
                    charset: windows-1251
                    mask: { json: [ "$.card.number", "$.cvv" ], headers: [ Authorization ] }
                    checks:
                      - { name: ping, every: 60s, request: "GET /api/ping", expect: { status: 200, body-contains: ok } }
                    resources:
                      - { name: couriers, every: 5m, request: "GET /api/couriers/free", value: /free, warn-below: 10 }
                capabilities:
                  sms: { providers: [ sms-alpha, sms-beta ], strategy: failover }
                """;
        List<String> problems = problems(full);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:18:23: capabilities.sms.providers: \"sms-alpha\" (expected: one of the"
                                + " connectors, courier-express)",
                        "switchboard.yaml:18:34: capabilities.sms.providers: \"sms-beta\" (expected: one of the"
                                + " connectors, courier-express)");
    }

    @Test
    void refusesACharsetJavaDoesNotKnow() {
        String yaml = """
                connectors:
                  courier:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                    charset: windows-9999
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:4:14: connectors.courier.charset: \"windows-9999\" (expected: a charset"
                                + " Java knows, such as windows-1251, koi8-r or iso-8859-1)");
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndColumn() {
        String yaml = """
                gateway:
                  listen: 127.0.0.1:80800
                  journal: { body-limit: 8 kilobytes }
                connectors:
                  courier-express:
                    upstream:
                      endpoints: [ "http://10.0.0.5:9000" ]
                      connect-timeout: 2
                    limits: { rate: ten/s, concurrency: 20 }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:2:11: gateway.listen: \"127.0.0.1:80800\" (expected: an address such as"
                                + " 127.0.0.1:8080, [::1]:8080 or :8080)",
                        "switchboard.yaml:3:26: gateway.journal.body-limit: \"8 kilobytes\" (expected: a size such as"
                                + " 512, 8KiB or 10MiB)",
                        "switchboard.yaml:8:24: connectors.courier-express.upstream.connect-timeout: \"2\" (expected:"
                                + " a duration above zero with a unit, such as 250ms, 2s, 5m, 1h or 7d)",
                        "switchboard.yaml:9:21: connectors.courier-express.limits.rate: \"ten/s\" (expected: a rate"
                                + " such as 10/s, 600/m or 5000/h)");
    }

    @Test
    void suggestsNearestKeyForUnknownKey() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                    retyr: { attempts: 2 }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:4:5: connectors.sms.retyr: unknown key (expected: one of capability,"
                        + " upstream, retry, circuit-breaker, limits, credentials, charset, schedule, objectives, checks,"
                        + " resources, mask; did you mean"
                        + " \"retry\"?)");
    }

    @Test
    void suggestsKebabCaseForCamelCaseKeys() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ], connectTimeout: 2s }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:3:59: connectors.sms.upstream.connectTimeout: unknown key (expected:"
                        + " one of endpoints, balance, connect-timeout, response-timeout, call-timeout,"
                        + " max-connections, keep-alive, protocol, tls, outlier; did you mean \"connect-timeout\"?)");
    }

    @Test
    void reportsDuplicateKeysAtTheSecondOne() {
        String yaml = """
                gateway:
                  listen: :8080
                  listen: :9090
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                  sms:
                    upstream: { endpoints: [ "https://sms2.example.com" ] }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:3:3: gateway.listen: duplicate key (expected: each key once; the first is"
                                + " at line 2, column 3)",
                        "switchboard.yaml:7:3: connectors.sms: duplicate key (expected: each key once; the first is at"
                                + " line 5, column 3)");
    }

    @Test
    void reportsMissingRequiredKeysAtTheMappingThatLacksThem() {
        String yaml = """
                gateway:
                  tokens:
                    - { name: ops }
                connectors:
                  sms:
                    capability: sms
                  mail:
                    upstream:
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:3:7: gateway.tokens[0].role: missing key (expected: one of viewer, operator,"
                                + " admin)",
                        "switchboard.yaml:3:7: gateway.tokens[0].secret: missing key (expected: a secret of at least 16"
                                + " characters from the environment, such as \"${SB_OPS_TOKEN}\")",
                        "switchboard.yaml:6:5: connectors.sms.upstream: missing key (expected: a mapping of the"
                                + " provider's endpoints and timeouts, such as { endpoints: [ \"http://10.0.0.5:9000\" ]"
                                + " })",
                        "switchboard.yaml:8:5: connectors.mail.upstream.endpoints: missing key (expected: a list of at"
                                + " least one endpoint URL, such as [ \"http://10.0.0.5:9000\", \"http://10.0.0.6:9000\""
                                + " ])");
    }

    @ParameterizedTest(name = "[{index}] {0} is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "credentials: \"token\"|3:18: connectors.sms.credentials: \"token\" (expected: a mapping such as"
                        + " { header: Authorization, value: \"Bearer ${COURIER_TOKEN}\" })",
                "retry: [ 3 ]|3:12: connectors.sms.retry: a list (expected: a mapping such as { attempts: 3, backoff:"
                        + " 100ms, on: [ connect-failure, 502, 503, 504 ] })",
                "retry: { attempts: { times: 3 } }|3:24: connectors.sms.retry.attempts: a mapping (expected: a whole"
                        + " number from 1 to 10)",
                "retry: { attempts: }|3:14: connectors.sms.retry.attempts: an empty value (expected: a whole number"
                        + " from 1 to 10)",
                "retry: { attempts: 2.5 }|3:24: connectors.sms.retry.attempts: \"2.5\" (expected: a whole number from"
                        + " 1 to 10)",
                "retry: { on: 503 }|3:18: connectors.sms.retry.on: \"503\" (expected: a list of failures and statuses,"
                        + " such as [ connect-failure, 502, 503, 504 ])",
                "capability: [ sms ]|3:17: connectors.sms.capability: a list (expected: a capability name of lowercase"
                        + " letters, digits and dashes, such as sms or delivery)",
                "limits: { concurrency: many }|3:28: connectors.sms.limits.concurrency: \"many\" (expected: a whole"
                        + " number from 1 to 1000000)",
                "circuit-breaker: { failure-rate: half }|3:38: connectors.sms.circuit-breaker.failure-rate: \"half\""
                        + " (expected: a percentage above 0% and up to 100%, such as 50%)"
            })
    void reportsWrongTypesWithWhatWasExpected(String line, String expected) {
        String yaml = """
                connectors:
                  sms:
                    %s
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                """.formatted(line);

        List<String> problems = problems(yaml);

        assertThat(problems).containsExactly("switchboard.yaml:" + expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'a: b: c'|switchboard.yaml:1:5: a colon that YAML reads as the end of a key, inside a value"
                        + " (expected: quotes around a value that holds \": \" or ends with \":\", or a nested mapping"
                        + " on its own indented lines)",
                "'gateway:\n\tlisten: :8080'|switchboard.yaml:2:1: a tab (expected: spaces for indentation; YAML does"
                        + " not allow tabs there)",
                "'connectors: [ a, b'|switchboard.yaml:1:19: invalid YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence that starts at line 1, column 13)",
                "'gateway: {}\n---\nconnectors: {}'|switchboard.yaml:2:1: a second document after --- (expected: one"
                        + " document per file)",
                "'gateway: *defaults'|switchboard.yaml:1:10: invalid YAML: found undefined alias defaults",
                "'gateway: \"unclosed'|switchboard.yaml:1:19: invalid YAML: found unexpected end of stream (while"
                        + " scanning a quoted scalar that starts at line 1, column 10)"
            })
    void reportsASyntaxErrorAsOneProblemInPlainWords(String yaml, String expected) {
        List<String> problems = problems(yaml.replace("\\n", "\n").replace("\\t", "\t"));

        assertThat(problems).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" means the defaults and no connectors")
    @ValueSource(strings = {"", "# nothing here yet\n", "\n\n", "~", "gateway:\nconnectors:\n", "gateway: {}\n"})
    void readsAnEmptyFileAsDefaults(String yaml) {
        SwitchboardConfig config = config(yaml);

        assertThat(config).isEqualTo(new SwitchboardConfig(GatewayConfig.DEFAULT, Map.of()));
    }

    @ParameterizedTest(name = "[{index}] a root of {0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {"hello|\"hello\"", "'[ gateway ]'|a list", "42|\"42\""})
    void refusesARootThatIsNoMapping(String yaml, String shown) {
        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:1:1: " + shown + " (expected: a mapping with the keys gateway,"
                        + " connectors, capabilities and callers)");
    }

    @Test
    void keepsConnectorsInTheOrderTheyAreWritten() {
        String yaml = """
                connectors:
                  zeta: { upstream: { endpoints: [ "http://z" ] } }
                  alpha: { upstream: { endpoints: [ "http://a" ] } }
                  mid: { upstream: { endpoints: [ "http://m" ] } }
                """;

        SwitchboardConfig config = config(yaml);

        assertThat(config.connectors()).containsOnlyKeys("zeta", "alpha", "mid");
        assertThat(List.copyOf(config.connectors().keySet())).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void sharesSettingsThroughAnchorsAndMergeKeys() {
        String yaml = """
                connectors:
                  sms-alpha:
                    upstream: &sms-upstream { endpoints: [ "https://alpha.example.com" ], connect-timeout: 1s }
                    retry: &quick-retry { attempts: 2, backoff: 50ms }
                  sms-beta:
                    upstream:
                      <<: *sms-upstream
                      endpoints: [ "https://beta.example.com" ]
                    retry: *quick-retry
                """;

        SwitchboardConfig config = config(yaml);

        ConnectorConfig alpha = TestYaml.connector(config, "sms-alpha");
        ConnectorConfig beta = TestYaml.connector(config, "sms-beta");
        assertThat(beta.upstream().endpoints()).containsExactly(URI.create("https://beta.example.com"));
        assertThat(beta.upstream().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(beta.retry())
                .isEqualTo(alpha.retry())
                .extracting(RetryConfig::attempts)
                .isEqualTo(2);
    }
}
