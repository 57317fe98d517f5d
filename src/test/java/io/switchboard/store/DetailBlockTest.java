package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.JournalRecords;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DetailBlockTest {
    @Test
    void findsEachRecordsDetailInThePackedBlock() {
        List<ExchangeRecord> records = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            records.add(record("id-" + n, "{\"n\":" + n + ",\"text\":\"caf\\u00e9 \\t tab ☕ 4111 **** **** 1111\"}"));
        }

        byte[] block = packed(records);

        assertThat(DetailBlock.detailOf(block, "id-0"))
                .isEqualTo(records.getFirst().detail());
        assertThat(DetailBlock.detailOf(block, "id-517"))
                .isEqualTo(records.get(517).detail());
        assertThat(DetailBlock.detailOf(block, "id-999"))
                .isEqualTo(records.getLast().detail());
    }

    @Test
    void repeatedHeadersShrinkManyTimes() {
        List<ExchangeRecord> records = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            records.add(record(
                    "0000018f3a2b" + n,
                    "{\"request\":{\"headers\":[[\"host\",\"courier.example\"],[\"user-agent\",\"shop/2.1\"],"
                            + "[\"x-request-id\",\"req-" + n + "\"]]},\"response\":{\"headers\":[[\"content-type\","
                            + "\"application/json\"],[\"server\",\"nginx\"],[\"date\",\"Thu, 26 Nov 2026 22:0" + n % 10
                            + ":00 GMT\"]]}}"));
        }
        int plain = DetailBlock.text(packed(records)).length();

        byte[] block = packed(records);

        assertThat(block.length).isLessThan(plain / 8);
    }

    @Test
    void packsLinesTheWriterLaidOutFromTheCountedPartOfItsBufferOnly() {
        List<ExchangeRecord> records = List.of(record("id-b", null), record("id-a", null), record("id-c", null));
        String lines = "id-b\t{\"n\":1}\nid-a\t{\"n\":\"caf\u00e9\"}\nid-c\t{}\n";
        byte[] text = lines.getBytes(StandardCharsets.UTF_8);
        // The writer's buffer is reused: what lies past the batch's lines is an earlier batch's, and must not count.
        byte[] buffer = Arrays.copyOf(text, text.length + 64);
        Arrays.fill(buffer, text.length, buffer.length, (byte) 'x');

        DetailBlock.Packed block = DetailBlock.pack(records, new DetailBlock.Lines(buffer, text.length));

        assertThat(DetailBlock.text(block.data())).isEqualTo(lines);
        assertThat(DetailBlock.detailOf(block.data(), "id-a")).isEqualTo("{\"n\":\"caf\u00e9\"}");
        assertThat(block.firstId()).isEqualTo("id-a");
        assertThat(block.lastId()).isEqualTo("id-c");
    }

    @Test
    void aBodyStoredRawReadsBackAsAJsonStringAndTheNextLineIsStillFound() {
        // Raw bytes may hold anything: a line feed, a tab, the marker itself, and what looks like the next line's id.
        String body = "{\"a\":\"b\\c\"}\nid-b\t\u0001 caf\u00e9 \u2615";
        List<ExchangeRecord> records = List.of(record("id-a", null), record("id-b", null));
        byte[] lines = concat(
                ascii("id-a\t{\"body\":{\"size\":3,\"data\":"),
                raw(body),
                ascii("},\"n\":"),
                raw(""),
                ascii("}\nid-b\t{\"n\":2}\n"));

        byte[] block = DetailBlock.pack(records, new DetailBlock.Lines(lines, lines.length))
                .data();

        String detail = DetailBlock.detailOf(block, "id-a");
        assertThat(detail).isNotNull();
        JsonObject json = new JsonObject(java.util.Objects.requireNonNull(detail));
        assertThat(json.getJsonObject("body").getString("data")).isEqualTo(body);
        assertThat(json.getString("n")).isEmpty();
        assertThat(DetailBlock.detailOf(block, "id-b")).isEqualTo("{\"n\":2}");
        assertThat(DetailBlock.text(block)).isEqualTo("id-a\t" + detail + "\nid-b\t{\"n\":2}\n");
    }

    @Test
    void aRawStringLongerThanItsBlockIsReportedAsDamage() {
        byte[] lines = concat(ascii("a\t{\"data\":"), raw("four"), ascii("}\n"));
        lines[lines.length - 2 - 4 - 1] = 9; // the length's last byte: 9 bytes said, 4 there (and "}\n" after them)

        byte[] block = DetailBlock.pack(List.of(record("a", null)), new DetailBlock.Lines(lines, lines.length))
                .data();

        assertThatThrownBy(() -> DetailBlock.detailOf(block, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends inside a raw string of 9 bytes");
    }

    @Test
    void aRecordNotInTheBlockHasNoDetailThere() {
        byte[] block = packed(List.of(record("id-10", "{}"), record("id-1", "{\"a\":1}")));

        // "id-1" is a prefix of "id-10": the match is on the whole id.
        assertThat(DetailBlock.detailOf(block, "id-1")).isEqualTo("{\"a\":1}");
        assertThat(DetailBlock.detailOf(block, "id-")).isNull();
        assertThat(DetailBlock.detailOf(block, "id-2")).isNull();
    }

    @Test
    void aBlockIsKeyedByItsSmallestIdAndKnowsItsLargest() {
        DetailBlock.Packed block =
                block(List.of(record("b", "{}"), record("a", null), record("d", "{}"), record("c", "{}")));

        assertThat(block).isNotNull();
        assertThat(java.util.Objects.requireNonNull(block).firstId()).isEqualTo("b");
        assertThat(block.lastId()).isEqualTo("d");
    }

    @Test
    void recordsWithoutDetailsMakeNoBlock() {
        assertThat(block(List.of(record("a", null), record("b", null)))).isNull();
        assertThat(DetailBlock.text(packed(List.of(record("a", null), record("b", "{}")))))
                .isEqualTo("b\t{}\n");
    }

    @Test
    void aDamagedBlockIsReportedAsSuch() {
        byte[] block = packed(List.of(record("a", "{\"x\":\"" + "y".repeat(5000) + "\"}")));
        byte[] cut = Arrays.copyOf(block, block.length / 2);

        assertThatThrownBy(() -> DetailBlock.detailOf(cut, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("journal detail block");
    }

    @Test
    void aBlockDeflatedBeforeZstandardIsStillRead() {
        // How V5 and V6 wrote blocks: the lines, raw deflate.
        byte[] lines = "a\t{\"x\":1}\nb\t{\"y\":2}\n".getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(1, true);
        deflater.setInput(lines);
        deflater.finish();
        byte[] out = new byte[256];
        byte[] deflated = Arrays.copyOf(out, deflater.deflate(out));
        deflater.end();

        assertThat(DetailBlock.detailOf(deflated, "b")).isEqualTo("{\"y\":2}");
        assertThat(DetailBlock.text(deflated)).isEqualTo(new String(lines, StandardCharsets.UTF_8));
    }

    @Test
    void aDamagedDeflatedBlockIsReportedAsSuch() {
        byte[] notDeflate = {(byte) 0xff, (byte) 0xff, 0, 1, 2};

        assertThatThrownBy(() -> DetailBlock.text(notDeflate))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("journal detail block");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A string stored raw, as the journal's writer stores a body's text. */
    private static byte[] raw(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(
                new byte[] {DetailBlock.RAW_STRING},
                java.nio.ByteBuffer.allocate(DetailBlock.RAW_LENGTH_BYTES)
                        .putInt(utf8.length)
                        .array(),
                utf8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] packed(List<ExchangeRecord> records) {
        DetailBlock.Packed block = block(records);
        assertThat(block).isNotNull();
        return java.util.Objects.requireNonNull(block).data();
    }

    private static ExchangeRecord record(String id, @Nullable String detail) {
        return JournalRecords.proxied(id, 1, "/", 1, detail);
    }

    /** Packs the records' own details. */
    private static DetailBlock.@Nullable Packed block(List<ExchangeRecord> records) {
        return DetailBlock.pack(records, DetailBlock.utf8(records));
    }
}
