package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.store.DetailBlock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void writesTextAnyJsonParserReadsBackAsTheSameValues() {
        String tricky =
                "quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 del \u007f кириллица 😀 </script>";

        String text = new JsonText()
                .beginObject()
                .name(JsonText.key("s"))
                .value(tricky)
                .name(JsonText.key("n"))
                .value(-42L)
                .name(JsonText.key("t"))
                .value(true)
                .name(JsonText.key("none"))
                .nullValue()
                .name(JsonText.key("missing"))
                .value((String) null)
                .name(JsonText.key("list"))
                .beginArray()
                .beginArray()
                .value("a")
                .value("b")
                .endArray()
                .beginObject()
                .endObject()
                .value(7)
                .endArray()
                .endObject()
                .toString();

        JsonObject parsed = new JsonObject(text);
        assertThat(parsed.getString("s")).isEqualTo(tricky);
        assertThat(parsed.getLong("n")).isEqualTo(-42L);
        assertThat(parsed.getBoolean("t")).isTrue();
        assertThat(parsed.containsKey("none")).isTrue();
        assertThat(parsed.getValue("none")).isNull();
        assertThat(parsed.getValue("missing")).isNull();
        assertThat(parsed.getJsonArray("list"))
                .isEqualTo(new JsonArray()
                        .add(new JsonArray().add("a").add("b"))
                        .add(new JsonObject())
                        .add(7));
        assertThat(parsed.fieldNames()).containsExactly("s", "n", "t", "none", "missing", "list");
    }

    @Test
    void escapesControlCharactersAsUnicodeEscapes() {
        assertThat(new JsonText().value("a\u0001b").toString()).isEqualTo("\"a\\u0001b\"");
        assertThat(new JsonText().value("\u001f").toString()).isEqualTo("\"\\u001f\"");
    }

    @Test
    void writesAStringEscapingOnlyWhatJsonMust() {
        String body = "{\"name\":\"Ёлка\"}\n\ttab \\ 😀 \u0001";

        JsonText text = new JsonText().beginArray().value(body).endArray();

        assertThat(new JsonArray(text.toString()).getString(0)).isEqualTo(body);
        assertThat(text.toString()).contains("Ёлка", "😀", "\\n", "\\u0001");
    }

    @Test
    void writesARawStringAsItsMarkerItsLengthAndItsBytesAsTheyAre() {
        byte[] utf8 = "x{\"a\":\"é\"}\n".getBytes(StandardCharsets.UTF_8);

        byte[] text = new JsonText()
                .beginArray()
                .value(1)
                .rawUtf8Value(utf8, 1, utf8.length)
                .endArray()
                .toBytes();

        int count = utf8.length - 1;
        byte[] expected = new byte[3 + 1 + DetailBlock.RAW_LENGTH_BYTES + count + 1];
        expected[0] = '[';
        expected[1] = '1';
        expected[2] = ',';
        expected[3] = DetailBlock.RAW_STRING;
        expected[7] = (byte) count;
        System.arraycopy(utf8, 1, expected, 8, count);
        expected[expected.length - 1] = ']';
        assertThat(text).isEqualTo(expected);
    }

    @Test
    void writesALoneSurrogateAsAQuestionMarkAndIsReusable() {
        JsonText text = new JsonText();
        text.value("a\ud800b");
        assertThat(text.toString()).isEqualTo("\"a?b\"");

        assertThat(text.reset().value("again").toString()).isEqualTo("\"again\"");
        assertThat(new String(text.toBytes(), StandardCharsets.UTF_8)).isEqualTo("\"again\"");
    }

    @Test
    void findsACharacterToEscapeAtEveryPlaceOfALongRunAmongMultiByteCharacters() {
        // The scan reads eight bytes at a time: each character JSON must escape, at each offset of a 40-byte run of
        // plain and multi-byte characters, must come back escaped and the text must read back the same.
        String run = "abcdefgh-é-ijklmnopqrstuvwxyz0123456789";
        for (String special : new String[] {"\"", "\\", "\n", "\u0000", "\u001f", "\u0080", "ÿ"}) {
            for (int at = 0; at <= run.length(); at++) {
                String value = run.substring(0, at) + special + run.substring(at);
                String quoted = new JsonText().value(value).toString();

                assertThat(new JsonArray("[" + quoted + "]").getString(0)).isEqualTo(value);
            }
        }
        assertThat(new JsonText().value("0123456789abcdef\"").toString()).isEqualTo("\"0123456789abcdef\\\"\"");
    }

    @Test
    void writesAKeyQuotedOnceWhereverItIsUsedAndNumbersAsDigits() {
        JsonText.Key key = JsonText.key("durationUs");

        String text = new JsonText()
                .beginObject()
                .name(key)
                .value(0L)
                .name(JsonText.key("min"))
                .value(Long.MIN_VALUE)
                .name(JsonText.key("max"))
                .value(Long.MAX_VALUE)
                .name(key)
                .value(-1_234_567L)
                .endObject()
                .toString();

        assertThat(text)
                .isEqualTo("{\"durationUs\":0,\"min\":-9223372036854775808,\"max\":9223372036854775807,"
                        + "\"durationUs\":-1234567}");
    }

    @Test
    void writesLinesOfIdAndJsonOneAfterAnotherAndForgetsAnUnfinishedOne() {
        JsonText lines = new JsonText();
        lines.ascii("id-1")
                .raw('\t')
                .beginObject()
                .name(JsonText.key("a"))
                .value(1)
                .endObject()
                .raw('\n');
        int kept = lines.length();
        lines.ascii("id-2").raw('\t').beginObject().name(JsonText.key("b"));
        lines.truncate(kept);
        lines.ascii("id-3")
                .raw('\t')
                .raw("{\"c\":[]}".getBytes(StandardCharsets.UTF_8))
                .raw('\n');
        lines.ascii("id-4").raw('\t').beginArray().value("x").endArray().raw('\n');

        // No comma crosses a line: each line's JSON starts afresh.
        assertThat(new String(lines.buffer(), 0, lines.length(), StandardCharsets.UTF_8))
                .isEqualTo("id-1\t{\"a\":1}\nid-3\t{\"c\":[]}\nid-4\t[\"x\"]\n");
    }
}
