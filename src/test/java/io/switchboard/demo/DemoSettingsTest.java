package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {
    @Test
    void runsSmsAlphaDryInAboutTwoAndAHalfMinutesAtNormalSpeed() {
        DemoSettings settings = DemoSettings.at(1);

        assertThat(settings.alphaBalance()).isEqualTo(150);
        assertThat(settings.alphaWarnBelow()).isEqualTo(50);
        assertThat(settings.probeEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.feedCycle()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shrinksBalancesAndTimingsWithSpeedDownToTheirFloors() {
        DemoSettings settings = DemoSettings.at(100);

        assertThat(settings.alphaBalance()).isEqualTo(10);
        assertThat(settings.alphaWarnBelow()).isEqualTo(3);
        assertThat(settings.probeEvery()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.feedCycle()).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.breakerOpenFor()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesASpeedOutsideOneToAHundred() {
        assertThatThrownBy(() -> DemoSettings.at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoSettings.at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
