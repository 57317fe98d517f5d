package io.switchboard.config;

import static io.switchboard.config.TestYaml.config;
import static io.switchboard.config.TestYaml.connector;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderDefaultsTest {
    private static final String MINIMAL = """
            connectors:
              sms:
                upstream: { endpoints: [ "https://sms.example.com" ] }
            """;

    @Test
    void givesTheGatewayItsDocumentedDefaults() {
        GatewayConfig gateway = config("gateway: {}\n").gateway();

        assertThat(gateway)
                .isEqualTo(GatewayConfig.DEFAULT)
                .isEqualTo(new GatewayConfig(
                        new HostPort("127.0.0.1", 8080),
                        new HostPort("127.0.0.1", 8081),
                        "sqlite:./data/switchboard.db",
                        new JournalConfig(DataSize.ofKibibytes(8), Duration.ofDays(7)),
                        List.of(),
                        new ServerLimits(
                                DataSize.ofKibibytes(16),
                                100,
                                8192,
                                DataSize.ofMebibytes(10),
                                Duration.ofSeconds(60),
                                Duration.ofSeconds(30)),
                        Duration.ofSeconds(30),
                        List.of(),
                        false));
    }

    @Test
    void fillsOmittedKeysOfGatewaySectionsWithDefaults() {
        String yaml = """
                gateway:
                  journal: { retention: 1d }
                  limits: { max-header-count: 64 }
                """;

        GatewayConfig gateway = config(yaml).gateway();

        assertThat(gateway.journal()).isEqualTo(new JournalConfig(DataSize.ofKibibytes(8), Duration.ofDays(1)));
        assertThat(gateway.limits())
                .isEqualTo(new ServerLimits(
                        DataSize.ofKibibytes(16),
                        64,
                        8192,
                        DataSize.ofMebibytes(10),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(30)));
    }

    @Test
    void givesAMinimalConnectorNoPoliciesAndTheUpstreamDefaults() {
        ConnectorConfig sms = connector(MINIMAL);

        assertThat(sms)
                .isEqualTo(new ConnectorConfig(
                        "sms",
                        null,
                        new UpstreamConfig(
                                List.of(URI.create("https://sms.example.com")),
                                Balance.ROUND_ROBIN,
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(60),
                                128,
                                Duration.ofSeconds(60),
                                UpstreamProtocol.HTTP1,
                                new TlsConfig(null, true),
                                new OutlierConfig(5, Duration.ofSeconds(30), new Percentage(50))),
                        null,
                        null,
                        LimitsConfig.NONE,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        MaskConfig.NONE));
    }

    @ParameterizedTest(name = "retry written as \"{0}\" takes every default")
    @ValueSource(strings = {"retry: {}", "retry:", "retry: ~"})
    void givesAnEmptyRetrySectionItsDefaults(String line) {
        ConnectorConfig sms = connector(MINIMAL + "    " + line + "\n");

        assertThat(sms.retry())
                .isEqualTo(RetryConfig.DEFAULT)
                .isEqualTo(new RetryConfig(
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(2),
                        Set.of("connect-failure", "connect-timeout"),
                        Set.of(502, 503, 504),
                        new Percentage(20),
                        3,
                        DataSize.ofKibibytes(64)));
    }

    @Test
    void keepsTheDefaultTriggersWhenOnlyOtherRetryKeysAreGiven() {
        ConnectorConfig sms = connector(MINIMAL + "    retry: { attempts: 2 }\n");

        assertThat(sms.retry())
                .isEqualTo(new RetryConfig(
                        2,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(2),
                        Set.of("connect-failure", "connect-timeout"),
                        Set.of(502, 503, 504),
                        new Percentage(20),
                        3,
                        DataSize.ofKibibytes(64)));
    }

    @ParameterizedTest(name = "circuit breaker written as \"{0}\" takes every default")
    @ValueSource(strings = {"circuit-breaker: {}", "circuit-breaker:"})
    void givesAnEmptyCircuitBreakerSectionItsDefaults(String line) {
        ConnectorConfig sms = connector(MINIMAL + "    " + line + "\n");

        assertThat(sms.circuitBreaker())
                .isEqualTo(CircuitBreakerConfig.DEFAULT)
                .isEqualTo(new CircuitBreakerConfig(
                        new Percentage(50), Duration.ofSeconds(30), 20, Duration.ofSeconds(30), 3, null));
    }

    @Test
    void givesEmptyLimitsNoLimits() {
        ConnectorConfig sms = connector(MINIMAL + "    limits: {}\n");

        assertThat(sms.limits()).isEqualTo(LimitsConfig.NONE);
    }

    @Test
    void givesEmptyTlsAndOutlierSectionsTheirDefaults() {
        String yaml = """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ], tls: {}, outlier: {} }
                """;

        UpstreamConfig upstream = connector(yaml).upstream();

        assertThat(upstream.tls()).isEqualTo(TlsConfig.DEFAULT);
        assertThat(upstream.outlier()).isEqualTo(OutlierConfig.DEFAULT);
    }
}
