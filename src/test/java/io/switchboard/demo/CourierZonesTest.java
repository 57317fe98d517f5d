package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CourierZonesTest {
    /** Every quarter of an hour of a winter day and a summer day (daylight saving moves some candidates). */
    static Stream<Instant> startTimes() {
        return Stream.of(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-07-15T00:00:00Z"))
                .flatMap(day -> Stream.iterate(day, time -> time.plus(Duration.ofMinutes(15)))
                        .limit(96));
    }

    @ParameterizedTest(name = "started at {0}, one courier is open for hours yet and the other closed for hours yet")
    @MethodSource("startTimes")
    void choosesOneZoneOpenNowAndOneClosedNowWithHoursToSpare(Instant now) {
        CourierZones zones = CourierZones.choose(now);

        LocalTime open = LocalTime.ofInstant(now, zones.open());
        LocalTime closed = LocalTime.ofInstant(now, zones.closed());
        assertThat(open).isBetween(LocalTime.of(13, 0), LocalTime.of(17, 0));
        assertThat(closed).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        assertThat(open).isAfter(CourierZones.OPENS).isBefore(CourierZones.CLOSES);
        assertThat(closed.isBefore(CourierZones.OPENS) || closed.isAfter(CourierZones.CLOSES))
                .isTrue();
    }
}
