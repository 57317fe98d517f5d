package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateTest {
    @ParameterizedTest(name = "\"{0}\" is {1} permits per {2}")
    @CsvSource({"10/s, 10, PT1S", "600/m, 600, PT1M", "5000/h, 5000, PT1H", "'10 / s', 10, PT1S"})
    void readsRatesPerSecondMinuteOrHour(String text, int permits, Duration period) {
        Rate read = Rate.parse(text);

        assertThat(read).isEqualTo(new Rate(permits, period));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"ten/s", "10", "0/s", "10/d", "10/S", "1.5/s", "/s", "10/", "99999999999/s"})
    void refusesWhatIsNoRate(String text) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "\"{0}\" is {1} per second")
    @CsvSource({"10/s, 10", "600/m, 10", "3600/h, 1"})
    void convertsToRequestsPerSecond(String text, double perSecond) {
        double read = Rate.parse(text).perSecond();

        assertThat(read).isEqualTo(perSecond);
    }
}
