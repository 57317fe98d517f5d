package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.LoadResult;
import io.switchboard.config.SwitchboardConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoConfigTest {
    private static final CourierZones ZONES = new CourierZones(ZoneId.of("Asia/Tokyo"), ZoneId.of("America/Chicago"));

    private static DemoConfig config(DemoSettings settings) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        int port = 9001;
        for (String id : new String[] {
            DemoProviders.COURIER_EXPRESS,
            DemoProviders.COURIER_ECONOMY,
            DemoProviders.SMS_ALPHA,
            DemoProviders.SMS_BETA,
            DemoProviders.PAYMENTS,
            DemoProviders.RATES_FEED
        }) {
            endpoints.put(id, "http://127.0.0.1:" + port++);
        }
        return new DemoConfig(0, 0, "/tmp/demo-test.db", ZONES, settings, endpoints);
    }

    private static SwitchboardConfig load(DemoConfig config) {
        LoadResult result = ConfigLoader.parse(
                config.yaml(),
                "switchboard.yaml",
                DemoSecrets.random(new SplittableRandom(3)).environment());
        assertThat(result.problems()).isEmpty();
        return ((LoadResult.Valid) result).config();
    }

    private static ConnectorConfig connector(SwitchboardConfig config, String id) {
        return Objects.requireNonNull(config.connectors().get(id), id);
    }

    @ParameterizedTest(name = "at speed {0}, the demo config is valid")
    @ValueSource(ints = {1, 2, 10, 30, 100})
    void isValidAtEverySpeed(int speed) {
        SwitchboardConfig config = load(config(DemoSettings.at(speed)));

        assertThat(config.connectors().keySet())
                .containsExactlyInAnyOrder(
                        "courier-express", "courier-economy", "sms-alpha", "sms-beta", "payments", "rates-feed");
    }

    @Test
    void givesEachCourierItsZoneAndWindows1251() {
        SwitchboardConfig config = load(config(DemoSettings.at(1)));

        ConnectorConfig express = connector(config, "courier-express");
        ConnectorConfig economy = connector(config, "courier-economy");
        assertThat(Objects.requireNonNull(express.schedule()).zone()).isEqualTo(ZONES.open());
        assertThat(Objects.requireNonNull(economy.schedule()).zone()).isEqualTo(ZONES.closed());
        assertThat(express.charset()).isEqualTo(CourierService.CHARSET);
        assertThat(express.capability()).isEqualTo("delivery");
    }

    @Test
    void readsSmsAlphasBalanceWithItsThresholdsAndMasksCards() {
        DemoSettings settings = DemoSettings.at(10);

        SwitchboardConfig config = load(config(settings));

        ConnectorConfig alpha = connector(config, "sms-alpha");
        assertThat(alpha.capability()).isEqualTo("sms");
        assertThat(alpha.resources()).singleElement().satisfies(balance -> {
            assertThat(balance.every()).isEqualTo(Duration.ofMillis(500));
            assertThat(balance.thresholds().warnBelow()).isEqualTo((double) settings.alphaWarnBelow());
            assertThat(balance.thresholds().criticalBelow()).isEqualTo(1.0);
        });
        assertThat(connector(config, "payments").mask().json()).containsExactly("$.card.number", "$..cvv");
    }

    @Test
    void routesSmsAndDeliveriesByCapabilityAndKnowsTheCallers() {
        SwitchboardConfig config = load(config(DemoSettings.at(1)));

        assertThat(Objects.requireNonNull(config.capabilities().get("sms")).providers())
                .containsExactly("sms-alpha", "sms-beta");
        assertThat(Objects.requireNonNull(config.capabilities().get("delivery")).providers())
                .containsExactly("courier-economy", "courier-express");
        assertThat(config.callers().keySet()).containsExactlyInAnyOrder("shop", "billing", "notifier");
        assertThat(Objects.requireNonNull(config.callers().get("billing")).key())
                .isNotNull();
    }

    @Test
    void writesDurationsAsTheConfigDoes() {
        assertThat(DemoConfig.duration(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(DemoConfig.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
