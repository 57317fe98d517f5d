package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.connector;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderLampsTest {
    private static final String CONNECTOR = """
            connectors:
              courier:
                upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
            """;

    @Test
    void readsObjectivesWithTheirDefaults() {
        ConnectorConfig courier = connector(CONNECTOR + "    objectives: { error-rate: 5%, p95: 2s }\n");

        assertThat(courier.objectives())
                .isEqualTo(new ObjectivesConfig(new Percentage(5), Duration.ofSeconds(2), Duration.ofMinutes(5), 20));
    }

    @Test
    void readsEveryObjectiveKey() {
        ConnectorConfig courier =
                connector(CONNECTOR + "    objectives: { error-rate: 0.5%, window: 1m, min-requests: 100 }\n");

        assertThat(courier.objectives())
                .isEqualTo(new ObjectivesConfig(new Percentage(0.5), null, Duration.ofMinutes(1), 100));
    }

    @Test
    void aConnectorWithoutObjectivesHasNone() {
        assertThat(connector(CONNECTOR).objectives()).isNull();
    }

    @Test
    void refusesObjectivesWithNothingToJudge() {
        List<String> problems = problems(CONNECTOR + "    objectives: { window: 5m }\n");

        assertThat(problems)
                .containsExactly("switchboard.yaml:4:17: connectors.courier.objectives: a mapping without error-rate"
                        + " or p95 (expected: at least one objective, such as { error-rate: 5%, p95: 2s })");
    }

    @Test
    void reportsWrongObjectivesAtTheirPlace() {
        String yaml = CONNECTOR + """
                    objectives:
                      error-rate: 0%
                      p95: fast
                      window: 20m
                      min-requests: 0
                      p99: 3s
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:5:19: connectors.courier.objectives.error-rate: \"0%\" (expected: a"
                                + " percentage above 0% and up to 100%, such as 50%)",
                        "switchboard.yaml:6:12: connectors.courier.objectives.p95: \"fast\" (expected: a duration above"
                                + " zero with a unit, such as 250ms, 2s, 5m, 1h or 7d)",
                        "switchboard.yaml:7:15: connectors.courier.objectives.window: \"20m\" (expected: a duration"
                                + " from 10s to 15m in steps of 10s, such as 1m or 5m)",
                        "switchboard.yaml:8:21: connectors.courier.objectives.min-requests: \"0\" (expected: a whole"
                                + " number from 1 to 1000000)",
                        "switchboard.yaml:9:7: connectors.courier.objectives.p99: unknown key (expected: one of"
                                + " error-rate, p95, window, min-requests; did you mean \"p95\"?)");
    }

    @Test
    void readsWebhooksWithSecretsFromTheEnvironment() {
        String yaml = """
                gateway:
                  webhooks:
                    - url: "${SLACK_URL}"
                      events: [ lamp-changed, switched ]
                    - url: https://hooks.example.com/switchboard
                      secret-header: { name: X-Hook-Token, value: "${HOOK_TOKEN}" }
                """;
        Map<String, String> environment =
                Map.of("SLACK_URL", "https://hooks.slack.com/services/T0/B0/secret", "HOOK_TOKEN", "hook-secret");

        List<WebhookConfig> webhooks = config(yaml, environment).gateway().webhooks();

        assertThat(webhooks)
                .containsExactly(
                        new WebhookConfig(
                                new Secret("https://hooks.slack.com/services/T0/B0/secret"),
                                Set.of("lamp-changed", "switched"),
                                null),
                        new WebhookConfig(
                                new Secret("https://hooks.example.com/switchboard"),
                                Set.of(),
                                new WebhookConfig.SecretHeader("X-Hook-Token", new Secret("hook-secret"))));
        assertThat(webhooks.get(0).wants("lamp-changed")).isTrue();
        assertThat(webhooks.get(0).wants("config-reloaded")).isFalse();
        assertThat(webhooks.get(1).wants("config-reloaded")).isTrue();
    }

    @Test
    void neverPrintsAWebhookUrlWhole() {
        WebhookConfig webhook = new WebhookConfig(
                new Secret("https://hooks.slack.com:8443/services/T0/B0/secret?x=1"),
                Set.of(),
                new WebhookConfig.SecretHeader("X-Hook-Token", new Secret("hook-secret")));

        assertThat(webhook.maskedUrl()).isEqualTo("https://hooks.slack.com:8443/***");
        assertThat(webhook.toString()).doesNotContain("secret?", "T0", "hook-secret");
    }

    @Test
    void suggestsTheNearestEventKind() {
        String yaml = """
                gateway:
                  webhooks:
                    - { url: "https://hooks.example.com/a", events: [ lamp-change ] }
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:3:55: gateway.webhooks[0].events[0]: \"lamp-change\" (expected: one"
                        + " of lamp-changed, switched, config-reloaded, threshold-crossed, check-failed, check-recovered, store-outage, provider-changed; did you mean"
                        + " \"lamp-changed\"?)");
    }

    @ParameterizedTest(name = "the webhook url {0} is refused without showing it")
    @ValueSource(strings = {"ftp://hooks.example.com/token123", "hooks.example.com/token123", "https:///token123"})
    void refusesAUrlThatIsNoHttpUrlWithoutShowingIt(String url) {
        String yaml = """
                gateway:
                  webhooks:
                    - url: "%s"
                """.formatted(url);

        List<String> problems = problems(yaml);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .startsWith("switchboard.yaml:3:12: gateway.webhooks[0].url: \"***\" (expected: ")
                .doesNotContain("token123");
    }

    @Test
    void aWebhookNeedsAUrl() {
        String yaml = """
                gateway:
                  webhooks:
                    - events: [ switched ]
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:3:7: gateway.webhooks[0].url: missing key (expected: an absolute"
                        + " http or https URL, such as \"${SLACK_WEBHOOK_URL}\" or"
                        + " https://hooks.example.com/switchboard)");
    }
}
