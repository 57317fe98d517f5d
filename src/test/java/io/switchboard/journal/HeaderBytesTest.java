package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import io.switchboard.journal.mask.Masker;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderBytesTest {
    private static final Masker PLAIN = Masker.of(MaskConfig.NONE, List.of());

    private static JsonArray readBack(byte[] headers) {
        return new JsonArray(json(headers));
    }

    private static String json(byte[] headers) {
        JsonText text = new JsonText();
        HeaderBytes.json(text, headers);
        return text.toString();
    }

    @Test
    void keepsEveryHeaderInOrderWithRepeatedNamesAndValuesJsonMustEscape() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Accept", "application/json")
                .add("X-Note", "a \"quoted\" back\\slash\ttab")
                .add("Accept", "text/plain")
                .add("X-Empty", "")
                .add("X-Name", "Zoë Łukasz 東京 😀");

        assertThat(readBack(HeaderBytes.of(PLAIN, headers)))
                .isEqualTo(new JsonArray()
                        .add(new JsonArray().add("Accept").add("application/json"))
                        .add(new JsonArray().add("X-Note").add("a \"quoted\" back\\slash\ttab"))
                        .add(new JsonArray().add("Accept").add("text/plain"))
                        .add(new JsonArray().add("X-Empty").add(""))
                        .add(new JsonArray().add("X-Name").add("Zoë Łukasz 東京 😀")));
    }

    @Test
    void keepsValuesLongerThanOneLengthByteAndMoreHeadersThanTheScratchBufferHolds() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        JsonArray expected = new JsonArray();
        for (int i = 0; i < 40; i++) {
            String value = ("v" + i).repeat(60 + i); // 180 to 400 bytes: two-byte lengths, 10 KB in all
            headers.add("X-Long-" + i, value);
            expected.add(new JsonArray().add("X-Long-" + i).add(value));
        }

        assertThat(readBack(HeaderBytes.of(PLAIN, headers))).isEqualTo(expected);
        // The scratch buffer grew for that; a small message after it comes out at its own size, nothing of the last.
        byte[] small = HeaderBytes.of(PLAIN, MultiMap.caseInsensitiveMultiMap().add("A", "b"));
        assertThat(small).hasSize(4);
        assertThat(readBack(small))
                .isEqualTo(new JsonArray().add(new JsonArray().add("A").add("b")));
    }

    @Test
    void masksValuesAsTheMaskerSaysBeforeTheyAreCopied() {
        Masker masker = Masker.of(MaskConfig.NONE, List.of("sk_live_0123456789abcdef"));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer abc.def.ghi")
                .add("X-Card", "4111 1111 1111 1111")
                .add("X-Echo", "key=sk_live_0123456789abcdef");

        String json = json(HeaderBytes.of(masker, headers));

        assertThat(json)
                .contains("[\"Authorization\",\"Bearer ***\"]")
                .contains("4111 **** **** 1111")
                .doesNotContain("abc.def.ghi", "4111 1111 1111 1111", "sk_live_0123456789abcdef");
    }

    @Test
    void writesNoHeadersAsAnEmptyArray() {
        assertThat(json(HeaderBytes.of(PLAIN, MultiMap.caseInsensitiveMultiMap())))
                .isEqualTo("[]");
    }
}
