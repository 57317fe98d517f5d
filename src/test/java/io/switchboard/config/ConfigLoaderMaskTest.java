package io.switchboard.config;

import static io.switchboard.config.TestYaml.connector;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderMaskTest {
    private static final String EXPECTED = "a JSON path such as $.card.number, $..cvv or $.items[*].pan";

    @Test
    void readsTheMaskRules() {
        String yaml = """
                connectors:
                  pay:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                    mask:
                      json: [ "$.card.number", "$..cvv", "$.items[*].pan", "$['odd key']" ]
                      headers: [ X-Signature ]
                      form: [ pin ]
                      query: [ token ]
                """;

        MaskConfig mask = connector(yaml).mask();

        assertThat(mask)
                .isEqualTo(new MaskConfig(
                        List.of("$.card.number", "$..cvv", "$.items[*].pan", "$['odd key']"),
                        List.of("X-Signature"),
                        List.of("pin"),
                        List.of("token")));
    }

    @ParameterizedTest(name = "refuses the JSON path {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            card.number       | a path starts with $
            $                 | a path needs at least one step after $, as in $.card.number
            $.                | character 3 should start a member name or * after '.'
            $.card.           | character 8 should start a member name or * after '.'
            $...cvv           | character 4 should start a member name or * after '..'
            $.items[          | character 9 should be an array index, * or a quoted name inside [ ]
            $.items[*         | character 10 should be ']'
            $.items[x]        | character 9 should be an array index, * or a quoted name inside [ ]
            $['card           | the quoted name at character 3 is not closed
            $card             | character 2 should start a step with '.', '..' or '['
            """)
    void refusesAJsonPathThatDoesNotParseWithLineAndColumn(String path, String why) {
        String yaml = """
                connectors:
                  pay:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                    mask:
                      json: [ "%s" ]
                """.formatted(path);

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:15: connectors.pay.mask.json[0]: \"" + path + "\" (expected: "
                        + EXPECTED + "; " + why + ")");
    }

    @Test
    void reportsEveryMaskProblemAtOnce() {
        String yaml = """
                connectors:
                  pay:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                    mask:
                      json: [ "$..cvv", "$..cvv" ]
                      headers: [ "X Signature" ]
                      form: [ "" ]
                      querry: [ token ]
                """;

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:5:25: connectors.pay.mask.json[1]: \"$..cvv\" (expected: each item once; it"
                                + " repeats [0])",
                        "switchboard.yaml:6:18: connectors.pay.mask.headers[0]: \"X Signature\" (expected: a header"
                                + " name such as Authorization)",
                        "switchboard.yaml:7:15: connectors.pay.mask.form[0]: \"\" (expected: a field name"
                                + " such as pin)",
                        "switchboard.yaml:8:7: connectors.pay.mask.querry: unknown key (expected: one of json, headers,"
                                + " form, query; did you mean \"query\"?)");
    }
}
