package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderCapabilitiesTest {
    private static final String CONNECTORS = """
            connectors:
              sms-alpha:
                upstream: { endpoints: [ "http://127.0.0.1:9001" ] }
              sms-beta:
                capability: sms
                upstream: { endpoints: [ "http://127.0.0.1:9002" ] }
              courier:
                upstream: { endpoints: [ "http://127.0.0.1:9003" ] }
            """;

    @Test
    void readsFailoverAndWeightedCapabilitiesWithDefaults() {
        SwitchboardConfig config = config(CONNECTORS + """
                capabilities:
                  sms: { providers: [ sms-alpha, sms-beta ] }
                  bulk:
                    providers: [ sms-alpha, courier ]
                    strategy: weighted
                    weights: { sms-alpha: 3 }
                    failover-on: [ connect-failure, timeout, 502, 5xx ]
                """);

        CapabilityConfig sms = Objects.requireNonNull(config.capabilities().get("sms"));
        assertThat(sms.providers()).containsExactly("sms-alpha", "sms-beta");
        assertThat(sms.strategy()).isEqualTo(CapabilityConfig.Strategy.FAILOVER);
        assertThat(sms.weights()).isEmpty();
        assertThat(sms.failoverOnFailures()).isEmpty();
        assertThat(sms.failoverOnStatuses()).isEmpty();
        CapabilityConfig bulk = Objects.requireNonNull(config.capabilities().get("bulk"));
        assertThat(bulk.strategy()).isEqualTo(CapabilityConfig.Strategy.WEIGHTED);
        assertThat(bulk.weights()).containsExactly(Map.entry("sms-alpha", 3), Map.entry("courier", 1));
        assertThat(bulk.failoverOnFailures()).containsExactlyInAnyOrder("connect-failure", "timeout");
        assertThat(bulk.failoverOnStatuses()).hasSize(100).contains(500, 502, 599);
    }

    @Test
    void readsCallersWithKeysAndLimitsAndRequireCaller() {
        SwitchboardConfig config = config("""
                gateway: { require-caller: true }
                callers:
                  shop: { key: "${SHOP_KEY}", limits: { courier: 5/s } }
                  billing: {}
                """ + CONNECTORS, Map.of("SHOP_KEY", "shop-key-0123456789"));

        assertThat(config.gateway().requireCaller()).isTrue();
        CallerConfig shop = Objects.requireNonNull(config.callers().get("shop"));
        assertThat(shop.key()).isEqualTo(new Secret("shop-key-0123456789"));
        assertThat(shop.key()).hasToString("***");
        assertThat(shop.limits()).containsExactly(Map.entry("courier", new Rate(5, Duration.ofSeconds(1))));
        assertThat(config.callers().get("billing")).isEqualTo(new CallerConfig("billing", null, Map.of()));
        assertThat(config(CONNECTORS).gateway().requireCaller()).isFalse();
        assertThat(config(CONNECTORS).capabilities()).isEmpty();
        assertThat(config(CONNECTORS).callers()).isEmpty();
    }

    @Test
    void namesUnknownProvidersAndLimitedConnectorsWithTheirPlaces() {
        List<String> problems = problems(CONNECTORS + """
                capabilities:
                  texts: { providers: [ sms-alpha, sms-gamma ] }
                callers:
                  shop:
                    limits: { couriers: 5/s }
                """);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:10:36: capabilities.texts.providers: \"sms-gamma\" (expected: one of the"
                                + " connectors, courier, sms-alpha, sms-beta)",
                        "switchboard.yaml:13:15: callers.shop.limits.couriers: \"couriers\" (expected: one of the"
                                + " connectors, courier, sms-alpha, sms-beta; did you mean \"courier\"?)");
    }

    @Test
    void refusesAConnectorWhoseOwnCapabilityDisagrees() {
        List<String> problems = problems(CONNECTORS + """
                capabilities:
                  delivery: { providers: [ courier, sms-beta ] }
                  sms: { providers: [ sms-alpha ] }
                """);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:10:37: capabilities.delivery.providers: \"sms-beta\" (expected: a connector"
                                + " whose own capability agrees; connectors.sms-beta.capability is \"sms\", not"
                                + " \"delivery\")",
                        "switchboard.yaml:11:3: capabilities.sms.providers: a provider list without \"sms-beta\""
                                + " (expected: every connector whose capability is \"sms\" among the providers, or no"
                                + " capability key on that connector)");
    }

    @Test
    void refusesWrongStrategiesWeightsAndFailoverTriggers() {
        List<String> problems = problems(CONNECTORS + """
                capabilities:
                  sms:
                    providers: [ sms-alpha, sms-beta ]
                    strategy: weigthed
                    weights: { sms-alpha: 0, courier: 2 }
                    failover-on: [ conect-failure, 700 ]
                  Bad_Id: { providers: [] }
                  bulk: { providers: [ courier ], weights: { courier: 2 } }
                """);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:12:15: capabilities.sms.strategy: \"weigthed\" (expected: one of failover,"
                                + " weighted; did you mean \"weighted\"?)",
                        "switchboard.yaml:13:27: capabilities.sms.weights.sms-alpha: \"0\" (expected: a whole number"
                                + " from 1 to 1000)",
                        "switchboard.yaml:13:30: capabilities.sms.weights.courier: \"courier\" (expected: one of the"
                                + " providers, sms-alpha, sms-beta)",
                        "switchboard.yaml:14:20: capabilities.sms.failover-on[0]: \"conect-failure\" (expected: a"
                                + " status such as 503 or 5xx, or one of connect-failure, connect-timeout, reset,"
                                + " timeout; did you mean \"connect-failure\"?)",
                        "switchboard.yaml:14:36: capabilities.sms.failover-on[1]: \"700\" (expected: a status from 100"
                                + " to 599, or a class such as 5xx)",
                        "switchboard.yaml:15:3: capabilities.Bad_Id: \"Bad_Id\" (expected: a capability id of"
                                + " lowercase letters, digits and dashes, at most 63 of them, such as sms)",
                        "switchboard.yaml:15:24: capabilities.Bad_Id.providers: an empty list (expected: a list of at least one"
                                + " connector id, such as [ sms-alpha, sms-beta ])",
                        "switchboard.yaml:16:44: capabilities.bulk.weights: weights under strategy failover"
                                + " (expected: strategy: weighted beside them, or no weights)");
    }

    @Test
    void refusesShortAndSharedKeysWithoutShowingThem() {
        List<String> problems = problems(
                CONNECTORS + """
                        callers:
                          shop: { key: "${SHOP_KEY}" }
                          admin-ui: { key: "${UI_KEY}" }
                          "bad name": { key: "${SHORT_KEY}" }
                        """,
                Map.of("SHOP_KEY", "same-key-0123456789", "UI_KEY", "same-key-0123456789", "SHORT_KEY", "short"));

        assertThat(String.join("\n", problems))
                .doesNotContain("same-key-0123456789")
                .doesNotContain("short\"");
        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:11:15: callers.admin-ui.key: the same key as caller \"shop\" (expected: a"
                                + " key of each caller's own)",
                        "switchboard.yaml:12:3: callers.bad name: \"bad name\" (expected: a caller name of 1 to 64"
                                + " letters, digits, dots, dashes, underscores or colons, such as shop)",
                        "switchboard.yaml:12:22: callers.bad name.key: \"${SHORT_KEY}\" (expected: an API key of at"
                                + " least 16 characters, and this one is shorter; make one with: openssl rand -hex"
                                + " 32)");
    }

    @Test
    void providersMayLiveInOtherFilesButACapabilityOrCallerOnlyInOne(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("10-sms.yaml"), """
                connectors:
                  sms-alpha: { upstream: { endpoints: [ "http://a" ] } }
                  sms-beta: { upstream: { endpoints: [ "http://b" ] } }
                """);
        Path first = Files.writeString(directory.resolve("20-routing.yaml"), """
                capabilities:
                  sms: { providers: [ sms-alpha, sms-beta ] }
                callers:
                  shop: { limits: { sms-alpha: 5/s } }
                """);
        LoadResult valid = ConfigLoader.load(directory, Map.of());
        assertThat(valid.problems()).isEmpty();
        Path second = Files.writeString(directory.resolve("30-more.yaml"), """
                capabilities:
                  sms: { providers: [ sms-beta ] }
                callers:
                  shop: {}
                """);

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(result.problems().stream().map(ConfigProblem::toString))
                .containsExactly(
                        second
                                + ":2:3: capabilities.sms: a second capability with this id (expected: each capability in"
                                + " one file only; " + first + ":2:3 has it)",
                        second + ":4:3: callers.shop: a second caller with this name (expected: each caller in one"
                                + " file only; " + first + ":4:3 has it)");
    }
}
