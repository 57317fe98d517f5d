package io.switchboard.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.LoadResult;
import io.switchboard.config.ScheduleConfig;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds a schedule the way an operator writes it, through the real config loader, for the schedule tests. */
final class Schedules {
    private final String zone;
    private final List<String> open = new ArrayList<>();
    private final List<String> closedOn = new ArrayList<>();
    private final List<String> openOn = new ArrayList<>();

    private Schedules(String zone) {
        this.zone = zone;
    }

    /** Starts a schedule in the zone. */
    static Schedules in(String zone) {
        return new Schedules(zone);
    }

    Schedules open(String... windows) {
        open.addAll(List.of(windows));
        return this;
    }

    Schedules closedOn(String... dates) {
        closedOn.addAll(List.of(dates));
        return this;
    }

    Schedules openOn(String... windows) {
        openOn.addAll(List.of(windows));
        return this;
    }

    /** Returns the schedule as the config loader reads it, failing the test on any problem. */
    ScheduleConfig config() {
        String yaml = """
                connectors:
                  courier:
                    upstream: { endpoints: [ "http://127.0.0.1:9000" ] }
                    schedule:
                      zone: %s
                      open: [ %s ]
                      closed-on: [ %s ]
                      open-on: [ %s ]
                """.formatted(zone, quoted(open), String.join(", ", closedOn), quoted(openOn));
        LoadResult result = ConfigLoader.parse(yaml, "switchboard.yaml", Map.of());
        assertThat(result.problems()).as("problems").isEmpty();
        ConnectorConfig connector = Objects.requireNonNull(
                ((LoadResult.Valid) result).config().connectors().get("courier"));
        return Objects.requireNonNull(connector.schedule());
    }

    ScheduleEngine engine() {
        return ScheduleEngine.of(config());
    }

    /** Returns the instant of a wall-clock time in the zone, such as {@code 2026-11-30T09:00}; earlier if twice. */
    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    private static String quoted(List<String> texts) {
        return String.join(", ", texts.stream().map(text -> "\"" + text + "\"").toList());
    }
}
