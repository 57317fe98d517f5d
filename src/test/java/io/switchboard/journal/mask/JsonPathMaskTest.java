package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathMaskTest {

    @ParameterizedTest(name = "{0} masks {1} to {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            $.card.number     | {"card":{"number":"4000056655665556","exp":"12/29"}}    | {"card":{"number":"***5556","exp":"12/29"}}
            $.card.number     | {"number":"1","card":{"x":{"number":"2"}}}               | {"number":"1","card":{"x":{"number":"2"}}}
            $..cvv            | {"cvv":"123","card":{"cvv":456,"deep":[{"cvv":true}]}}  | {"cvv":"***","card":{"cvv":"***","deep":[{"cvv":"***"}]}}
            $..card.cvv       | {"a":{"card":{"cvv":"1"}},"cvv":"2"}                     | {"a":{"card":{"cvv":"***"}},"cvv":"2"}
            $.items[*].pan    | {"items":[{"pan":"a"},{"pan":"b"},{"x":"c"}]}            | {"items":[{"pan":"***"},{"pan":"***"},{"x":"c"}]}
            $.items[1].pan    | {"items":[{"pan":"a"},{"pan":"b"}]}                      | {"items":[{"pan":"a"},{"pan":"***"}]}
            $.tokens[*]       | {"tokens":["a","b"],"n":2}                               | {"tokens":["***","***"],"n":2}
            $[*].pin          | [{"pin":"1"},{"pin":2}]                                  | [{"pin":"***"},{"pin":"***"}]
            $['odd key']      | {"odd key":"x","odd":"y"}                                | {"odd key":"***","odd":"y"}
            $.card.*          | {"card":{"a":1,"b":"2"},"c":3}                           | {"card":{"a":"***","b":"***"},"c":3}
            $.card            | {"card":{"n":"1","list":[1,null,{"x":false}]},"k":1}     | {"card":{"n":"***","list":["***",null,{"x":"***"}]},"k":1}
            $.amount          | {"amount":-12.5e3,"other":1}                             | {"amount":"***","other":1}
            $.secret          | {"secret":null}                                          | {"secret":null}
            $.secret          | {"secret":"short"}                                       | {"secret":"***"}
            $.secret          | {"secret":"averyverylongtokenABCD"}                      | {"secret":"***ABCD"}
            $.secret          | {"secret":"a long value ends in é!"}                     | {"secret":"***"}
            $.secret          | {"secret":"with \\"quotes\\" inside"}                    | {"secret":"***side"}
            $.cvv             | {"c\\u0076v":"123"}                                      | {"c\\u0076v":"***"}
            $..cvv            | {"cvv":"1"}\\n{"cvv":"2"}                                | {"cvv":"***"}\\n{"cvv":"***"}
            """)
    void masksTheValuesAtConfiguredPaths(String path, String json, String masked) {
        Masker masker = Masker.of(new MaskConfig(List.of(path), List.of(), List.of(), List.of()), List.of());

        String result = body(masker, json.replace("\\n", "\n"), false, "application/json");

        assertThat(result).isEqualTo(masked.replace("\\n", "\n"));
    }

    @Test
    void keepsTheRestOfTheDocumentByteForByte() {
        String json = "{\n  \"id\" : 17 ,\n  \"cvv\"\t:\t\"123\" ,\n  \"note\": \"ünïcødé \\u00e9\"\n}\n";
        Masker masker = Masker.of(new MaskConfig(List.of("$.cvv"), List.of(), List.of(), List.of()), List.of());

        String result = body(masker, json, false, "application/json; charset=utf-8");

        assertThat(result).isEqualTo(json.replace("\"123\"", "\"***\""));
    }

    @Test
    void returnsTheSameArrayWhenNoPathMatches() {
        Masker masker = Masker.of(new MaskConfig(List.of("$..cvv"), List.of(), List.of(), List.of()), List.of());
        byte[] json = "{\"id\":1,\"items\":[{\"sku\":\"A\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(masker.body(json, false, "application/json")).isSameAs(json);
    }

    @ParameterizedTest(name = "a truncated body \"{0}\" becomes \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"card":{"cvv":"123","number":"40000566556   | {"card":{"cvv":"***","number":"***
            {"card":{"cvv":12                            | {"card":{"cvv":"***"
            {"card":{"cvv":"1                            | {"card":{"cvv":"***
            {"card":{"cvv":                              | {"card":{"cvv":
            {"card":{"cv                                 | {"card":{"cv
            [{"cvv":"1"},{"cvv":tr                       | [{"cvv":"***"},{"cvv":"***"
            """)
    void masksATruncatedJsonBodyAsFarAsItGoes(String captured, String masked) {
        Masker masker = Masker.of(
                new MaskConfig(List.of("$..cvv", "$.card.number"), List.of(), List.of(), List.of()), List.of());

        String result = body(masker, captured, true, "application/json");

        assertThat(result).isEqualTo(masked);
    }

    @ParameterizedTest(name = "falls back to a textual scan for {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a body that is not JSON             | text/plain       | error: {"cvv": "123", "x": 1}             | error: {"cvv": "***", "x": 1}
            JSON with a syntax error            | application/json | {"cvv": "123", oops, "number": 4111}      | {"cvv": "***", oops, "number": "***"}
            JSON with a trailing comma          | application/json | {"cvv": 123,}                             | {"cvv": "***",}
            a JSON content type over HTML       | application/json | <html>"cvv":"9"</html>                    | <html>"cvv":"***"</html>
            """)
    void fallsBackToATextualScanWhenTheBodyIsNotJson(String what, String type, String captured, String masked) {
        Masker masker = Masker.of(
                new MaskConfig(List.of("$..cvv", "$.card.number"), List.of(), List.of(), List.of()), List.of());

        String result = body(masker, captured, false, type);

        assertThat(result).isEqualTo(masked);
    }

    @Test
    void walksABodyThatLooksLikeJsonWithoutAContentType() {
        Masker masker = Masker.of(new MaskConfig(List.of("$.pin"), List.of(), List.of(), List.of()), List.of());

        assertThat(body(masker, "  {\"pin\":\"0000\"}", false, null)).isEqualTo("  {\"pin\":\"***\"}");
    }

    @Test
    void neverThrowsOnDeeplyNestedJson() {
        Masker masker = Masker.of(new MaskConfig(List.of("$..cvv"), List.of(), List.of(), List.of()), List.of());
        String deep = "[".repeat(100_000) + "{\"cvv\":\"1\"}" + "]".repeat(100_000);

        String result = body(masker, deep, false, "application/json");

        assertThat(result).contains("{\"cvv\":\"***\"}");
    }

    @Test
    void masksCardNumbersInsideJsonWithoutConfiguredPaths() {
        Masker masker = Masker.of(MaskConfig.NONE, List.of());

        String result = body(masker, "{\"payment\":{\"pan\":\"4111-1111-1111-1111\"}}", false, "application/json");

        assertThat(result).isEqualTo("{\"payment\":{\"pan\":\"4111-****-****-1111\"}}");
    }

    static String body(Masker masker, String text, boolean truncated, @Nullable String contentType) {
        return new String(
                masker.body(text.getBytes(StandardCharsets.UTF_8), truncated, contentType), StandardCharsets.UTF_8);
    }
}
