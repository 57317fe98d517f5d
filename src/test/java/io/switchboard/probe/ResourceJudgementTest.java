package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Thresholds;
import io.switchboard.store.ResourceLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceJudgementTest {
    private static final Thresholds BOTH_WAYS = new Thresholds(10.0, 1.0, 900.0, 1000.0);

    @ParameterizedTest(name = "{0} is {1} ({2})")
    @CsvSource(
            delimiter = '|',
            value = {
                "500    | OK       | 500",
                "10     | OK       | 10",
                "9.99   | WARN     | 9.99 (warn below 10)",
                "1      | WARN     | 1 (warn below 10)",
                "0.5    | CRITICAL | 0.5 (critical below 1)",
                "-20    | CRITICAL | -20 (critical below 1)",
                "900    | OK       | 900",
                "901    | WARN     | 901 (warn above 900)",
                "1000   | WARN     | 1000 (warn above 900)",
                "1000.5 | CRITICAL | 1000.5 (critical above 1000)"
            })
    void judgesAValueByItsThresholds(double value, ResourceLevel level, String note) {
        ResourceJudgement judgement = ResourceJudgement.of(BOTH_WAYS, value);

        assertThat(judgement.level()).isEqualTo(level);
        assertThat(judgement.describe(value)).isEqualTo(note);
    }

    @Test
    void findsEveryValueOkWithoutThresholds() {
        ResourceJudgement judgement = ResourceJudgement.of(Thresholds.NONE, -1e9);

        assertThat(judgement).isEqualTo(new ResourceJudgement(ResourceLevel.OK, ""));
    }

    @Test
    void findsAValueCriticalWithOnlyACriticalThreshold() {
        ResourceJudgement judgement = ResourceJudgement.of(new Thresholds(null, 1.0, null, null), 0);

        assertThat(judgement).isEqualTo(new ResourceJudgement(ResourceLevel.CRITICAL, "critical below 1"));
    }
}
