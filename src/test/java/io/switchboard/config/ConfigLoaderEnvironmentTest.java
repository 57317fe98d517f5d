package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderEnvironmentTest {
    private static final String PLANTED = "planted-secret-4711-do-not-print";
    private static final String SHORT_PLANTED = "planted-short";

    @Test
    void substitutesVariablesAndDefaultsFromTheGivenEnvironment() {
        String yaml = """
                gateway:
                  listen: ${LISTEN:-127.0.0.1:9080}
                  tokens:
                    - { name: ops, role: operator, secret: "${OPS_TOKEN}" }
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://${SMS_HOST}:${SMS_PORT:-8443}/v1" ] }
                    credentials: { query: api_key, value: "${SMS_KEY}" }
                    limits: { rate: "${SMS_RATE:-10/s}" }
                """;
        Map<String, String> environment =
                Map.of("OPS_TOKEN", "ops-token-0123456789", "SMS_HOST", "sms.example.com", "SMS_KEY", "sms-key");

        SwitchboardConfig config = config(yaml, environment);

        assertThat(config.gateway().listen()).isEqualTo(new HostPort("127.0.0.1", 9080));
        assertThat(config.gateway().tokens())
                .containsExactly(new TokenConfig("ops", Role.OPERATOR, new Secret("ops-token-0123456789")));
        ConnectorConfig sms = TestYaml.connector(config, "sms");
        assertThat(sms.upstream().endpoints()).containsExactly(URI.create("https://sms.example.com:8443/v1"));
        assertThat(sms.credentials())
                .isEqualTo(new CredentialsConfig(CredentialsConfig.Placement.QUERY, "api_key", new Secret("sms-key")));
        assertThat(sms.limits().rate()).isEqualTo(new Rate(10, Duration.ofSeconds(1)));
    }

    @Test
    void keepsDoubledDollarAsALiteral() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                    credentials: { header: X-Template, value: "$${NOT_A_VARIABLE}" }
                """;

        ConnectorConfig sms = TestYaml.connector(yaml);

        assertThat(sms.credentials()).extracting(CredentialsConfig::value).isEqualTo(new Secret("${NOT_A_VARIABLE}"));
    }

    @Test
    void refusesMissingEnvironmentVariableWithoutLeakingOtherValues() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://${SMS_HOST}" ] }
                    credentials: { header: Authorization, value: "Basic ${SMS_USER}:${SMS_PASSWORD}" }
                """;
        Map<String, String> environment = Map.of("SMS_HOST", "sms.example.com", "SMS_USER", PLANTED);

        List<String> problems = problems(yaml, environment);

        assertThat(problems)
                .containsExactly("switchboard.yaml:4:50: connectors.sms.credentials.value: \"Basic ${SMS_USER}:"
                        + "${SMS_PASSWORD}\" (expected: the environment variable SMS_PASSWORD to be set, or a default"
                        + " as in ${SMS_PASSWORD:-value})");
    }

    @Test
    void namesEveryMissingVariableOfOneValue() {
        String yaml = """
                gateway:
                  store: postgresql://${PG_HOST}:5432/${PG_DATABASE}
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:2:10: gateway.store: \"postgresql://${PG_HOST}:5432/${PG_DATABASE}\""
                        + " (expected: the environment variables PG_HOST, PG_DATABASE to be set)");
    }

    @Test
    void refusesAMalformedReference() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://${SMS_HOST" ] }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:3:30: connectors.sms.upstream.endpoints[0]: \"https://${SMS_HOST\""
                        + " (expected: a closing } after ${, or $${ for a literal ${)");
    }

    @Test
    void neverPutsAResolvedValueIntoAMessage() {
        String yaml = """
                gateway:
                  listen: "${SECRET}"
                  store: "${SECRET}"
                  tokens:
                    - { name: a, role: admin, secret: "${SHORT}" }
                    - { name: b, role: admin, secret: "${SECRET}" }
                    - { name: c, role: admin, secret: "${SECRET}" }
                connectors:
                  sms:
                    capability: "${SECRET}_"
                    upstream: { endpoints: [ "${SECRET}", "http://${SECRET}/?q" ], connect-timeout: "${SECRET}" }
                    retry: { attempts: "${SECRET}", on: [ "${SECRET}" ] }
                    limits: { rate: "${SECRET}", burst: "${SHORT}" }
                    credentials: { header: "${SHORT} x", value: "${SECRET}" }
                """;
        Map<String, String> environment = Map.of("SECRET", PLANTED, "SHORT", SHORT_PLANTED);

        List<String> problems = problems(yaml, environment);

        assertThat(problems)
                .hasSize(13)
                .allSatisfy(problem -> assertThat(problem)
                        .doesNotContain(PLANTED)
                        .doesNotContain(SHORT_PLANTED)
                        .doesNotContain("planted"));
        assertThat(problems)
                .contains(
                        "switchboard.yaml:5:39: gateway.tokens[0].secret: \"${SHORT}\" (expected: a secret of at least"
                                + " 16 characters, and this one is shorter; make one with: openssl rand -hex 32)",
                        "switchboard.yaml:7:39: gateway.tokens[2].secret: \"${SECRET}\" (expected: a secret of this"
                                + " token's own; gateway.tokens[1] has the same one)");
    }

    @Test
    void masksSecretsWrittenIntoTheFileAndDefaults() {
        String yaml = """
                gateway:
                  tokens:
                    - { name: a, role: admin, secret: tooshort }
                    - { name: b, role: admin, secret: "${OPS_TOKEN:-short-default}" }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:3:39: gateway.tokens[0].secret: \"***\" (expected: a secret of at least 16"
                                + " characters, and this one is shorter; make one with: openssl rand -hex 32)",
                        "switchboard.yaml:4:39: gateway.tokens[1].secret: \"${OPS_TOKEN:-***}\" (expected: a secret of"
                                + " at least 16 characters, and this one is shorter; make one with: openssl rand -hex"
                                + " 32)");
    }

    @Test
    void keepsSecretsOutOfTheConfigsPrintedForm() {
        String yaml = """
                gateway:
                  tokens: [ { name: ops, role: admin, secret: "${SECRET}" } ]
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                    credentials: { basic: { username: shop, password: "${SECRET}" } }
                """;

        SwitchboardConfig config = config(yaml, Map.of("SECRET", PLANTED));

        assertThat(config.toString()).doesNotContain(PLANTED).contains("***");
    }
}
