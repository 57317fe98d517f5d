package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void makesVersion7UuidsThatSortByTheirMillisecond() {
        Random random = new Random(42);

        String first = Event.newId(T0, random);
        String second = Event.newId(T0.plusMillis(1), random);

        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(UUID.fromString(first).variant()).isEqualTo(2);
        assertThat(first).isLessThan(second);
    }

    @Test
    void refusesAKindThatIsNotKebabCase() {
        assertThatThrownBy(() -> new Event("id-1", T0, null, "Lamp_Changed", Severity.INFO, "m", null, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event kind \"Lamp_Changed\" is not kebab-case (expected: such as lamp-changed)");
    }

    @Test
    void readsSeveritiesAndLevelsByTheirWireNames() {
        assertThat(Severity.parse("warning")).isEqualTo(Severity.WARNING);
        assertThat(ResourceLevel.parse("unknown")).isEqualTo(ResourceLevel.UNKNOWN);
        assertThatThrownBy(() -> Severity.parse("fatal")).hasMessageContaining("\"fatal\"");
    }
}
