package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableSubstitutionTest {
    private final VariableSubstitution variables =
            new VariableSubstitution(Map.of("TOKEN", "abc", "EMPTY", "", "PORT", "9000"));

    @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text|plain text",
                "${TOKEN}|abc",
                "Bearer ${TOKEN}|Bearer abc",
                "http://h:${PORT}/${TOKEN}|http://h:9000/abc",
                "${MISSING:-fallback}|fallback",
                "${TOKEN:-fallback}|abc",
                "${EMPTY:-fallback}|fallback",
                "${EMPTY}|''",
                "${MISSING:-}|''",
                "$${TOKEN}|${TOKEN}",
                "price: $5|price: $5",
                "a$|a$",
                "$$|$$"
            })
    void replacesReferencesWithTheEnvironment(String raw, String expected) {
        VariableSubstitution.Result result = variables.resolve(raw);

        assertThat(result).isEqualTo(new VariableSubstitution.Resolved(expected));
    }

    @ParameterizedTest(name = "\"{0}\" misses {1}")
    @CsvSource(
            delimiter = '|',
            value = {"${MISSING}|MISSING", "${A}-${TOKEN}-${B}|A,B"})
    void namesEveryMissingVariable(String raw, String names) {
        VariableSubstitution.Result result = variables.resolve(raw);

        assertThat(result).isEqualTo(new VariableSubstitution.Missing(List.of(names.split(","))));
    }

    @ParameterizedTest(name = "\"{0}\" is malformed")
    @CsvSource(
            delimiter = '|',
            value = {
                "${TOKEN|a closing } after ${, or $${ for a literal ${",
                "${}|a variable name of letters, digits and underscores inside ${...}, or $${ for a literal ${",
                "${1ST}|a variable name of letters, digits and underscores inside ${...}, or $${ for a literal ${",
                "${A B}|a variable name of letters, digits and underscores inside ${...}, or $${ for a literal ${"
            })
    void refusesMalformedReferences(String raw, String expected) {
        VariableSubstitution.Result result = variables.resolve(raw);

        assertThat(result).isEqualTo(new VariableSubstitution.Malformed(expected));
    }
}
