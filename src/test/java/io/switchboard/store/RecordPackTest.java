package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The packed records of a write batch: every field read back as written, and the filters a page applies to them. */
class RecordPackTest {
    private static final long T0 = 1_795_000_000_000_000L;

    private final List<ExchangeRecord> records = List.of(
            record(0, "courier", "shop", 200, null, "/courier/orders/41111111?zone=north", null),
            record(1, "courier", null, 503, "upstream-error", "/courier/ORDERS/42", "4bf92f3577b34da6a3ce929d0e0e4736"),
            record(2, "sms", "shop", null, "timeout", "/sms/send/привет", null),
            new ExchangeRecord(
                    ExchangeRecord.idFloor(T0 - 5_000_000) + "000000000003",
                    T0 - 5_000_000,
                    "check",
                    null,
                    null,
                    null,
                    "sms",
                    "texts",
                    null,
                    "GET",
                    "/health",
                    204,
                    null,
                    0,
                    0,
                    null,
                    0,
                    0,
                    null));

    @Test
    void readsBackEveryFieldAsWrittenWithoutTheDetails() {
        byte[] pack = RecordPack.pack(records, blocks("block-1"));

        assertThat(RecordPack.records(pack))
                .isEqualTo(records.stream().map(r -> r.withDetail(null)).toList());
    }

    @Test
    void numbersRowsFromTheBatchsFirstOrAsGivenAndNamesEachRecordsDetailBlock() {
        byte[] dense = RecordPack.pack(records, blocks("block-1"));
        byte[] given = RecordPack.packRows(
                records,
                new long[] {3, 4, 9, 12},
                Arrays.asList("a", null, "b", "a"),
                TargetIndex.Entries.EVERY_RECORD);

        assertThat(rows(dense, 1000)).containsExactly(1000L, 1001L, 1002L, 1003L);
        assertThat(blocks(dense)).containsExactly("block-1", "block-1", "block-1", null);
        assertThat(rows(given, 1000)).containsExactly(1003L, 1004L, 1009L, 1012L);
        assertThat(blocks(given)).containsExactly("a", null, "b", "a");
        assertThat(new RecordPack.Reader(given, 0, RecordPack.Selection.ALL).targets())
                .isEqualTo(TargetIndex.Entries.EVERY_RECORD);
        assertThat(new RecordPack.Reader(dense, 0, RecordPack.Selection.ALL).targets())
                .isEqualTo(TargetIndex.Entries.BATCH_DOCUMENT);
        byte[] rewritten = RecordPack.packRows(
                records, new long[] {0, 1, 2, 3}, blocks("block-1"), TargetIndex.Entries.EACH_TARGET_ONCE);
        assertThat(new RecordPack.Reader(rewritten, 0, RecordPack.Selection.ALL).targets())
                .isEqualTo(TargetIndex.Entries.EACH_TARGET_ONCE);
    }

    @Test
    void selectsAsTheJournalsFiltersDo() {
        byte[] pack = RecordPack.pack(records, blocks("block-1"));

        assertThat(selected(pack, query("courier", null, null, null, null, null, null, null, null)))
                .containsExactly(0, 1);
        assertThat(selected(pack, query(null, "shop", null, null, null, null, null, null, null)))
                .containsExactly(0, 2);
        assertThat(selected(pack, query(null, ExchangeQuery.ANONYMOUS, null, null, null, null, null, null, null)))
                .containsExactly(1, 3);
        assertThat(selected(pack, query(null, null, 503, null, null, null, null, null, null)))
                .containsExactly(1);
        assertThat(selected(pack, query(null, null, null, 2, null, null, null, null, null)))
                .containsExactly(0, 3);
        assertThat(selected(pack, query(null, null, null, null, "timeout", null, null, null, null)))
                .containsExactly(2);
        assertThat(selected(
                        pack,
                        query(null, null, null, null, null, "4bf92f3577b34da6a3ce929d0e0e4736", null, null, null)))
                .containsExactly(1);
        // Since is inclusive, until exclusive, both on the id's time; the text any case, ASCII letters folded.
        assertThat(selected(pack, query(null, null, null, null, null, null, T0 + 1_000, T0 + 2_000, null)))
                .containsExactly(1);
        assertThat(selected(pack, query(null, null, null, null, null, null, null, null, "orders/4")))
                .containsExactly(0, 1);
        assertThat(selected(pack, query(null, null, null, null, null, null, null, null, "send/привет")))
                .containsExactly(2);
        // A value no record of the batch has: nothing, and not a record parsed.
        assertThat(selected(pack, query("payments", null, null, null, null, null, null, null, null)))
                .isEmpty();
        assertThat(selected(pack, query(null, null, null, null, "no-such-kind", null, null, null, null)))
                .isEmpty();
    }

    @Test
    void theCursorSelectsOnlyOlderIdsAndProxiedSelectsTheChartsRecords() {
        byte[] pack = RecordPack.pack(records, blocks("block-1"));

        assertThat(selected(pack, ExchangeQuery.newest(10).after(id(2)))).containsExactly(0, 1, 3);
        List<Integer> proxied = new ArrayList<>();
        RecordPack.Reader reader = new RecordPack.Reader(pack, 0, RecordPack.Selection.proxied("sms", T0));
        while (reader.next()) {
            proxied.add((int) reader.row());
        }
        assertThat(proxied).containsExactly(2);
    }

    /** Returns each record's detail block: {@code block} for a record with a detail, null for one without. */
    private List<@Nullable String> blocks(String block) {
        List<@Nullable String> blocks = new ArrayList<>();
        for (ExchangeRecord record : records) {
            blocks.add(record.detail() == null ? null : block);
        }
        return blocks;
    }

    /** Returns the positions of the records the query selects. */
    private static List<Integer> selected(byte[] pack, ExchangeQuery query) {
        RecordPack.Reader reader = new RecordPack.Reader(pack, 0, RecordPack.Selection.of(query));
        List<Integer> found = new ArrayList<>();
        while (reader.next()) {
            if (reader.targetMatches()) {
                found.add((int) reader.row());
            }
        }
        return found;
    }

    private static List<Long> rows(byte[] pack, long firstRow) {
        RecordPack.Reader reader = new RecordPack.Reader(pack, firstRow, RecordPack.Selection.ALL);
        List<Long> rows = new ArrayList<>();
        while (reader.next()) {
            rows.add(reader.row());
        }
        return rows;
    }

    private static List<@Nullable String> blocks(byte[] pack) {
        RecordPack.Reader reader = new RecordPack.Reader(pack, 0, RecordPack.Selection.ALL);
        List<@Nullable String> blocks = new ArrayList<>();
        while (reader.next()) {
            blocks.add(reader.detailBlock());
        }
        return blocks;
    }

    private static ExchangeQuery query(
            @Nullable String connector,
            @Nullable String caller,
            @Nullable Integer status,
            @Nullable Integer statusClass,
            @Nullable String error,
            @Nullable String trace,
            @Nullable Long since,
            @Nullable Long until,
            @Nullable String contains) {
        return new ExchangeQuery(
                connector, caller, status, statusClass, error, trace, since, until, contains, 10, null);
    }

    private static String id(int n) {
        return ExchangeRecord.idFloor(T0 + n * 1_000L) + "0000" + String.format("%08x", n);
    }

    private static ExchangeRecord record(
            int n,
            String connector,
            @Nullable String caller,
            @Nullable Integer status,
            @Nullable String error,
            String target,
            @Nullable String trace) {
        return new ExchangeRecord(
                id(n),
                T0 + n * 1_000L,
                "proxy",
                trace,
                "request-" + n,
                caller,
                connector,
                n == 1 ? "delivery" : null,
                "http://127.0.0.1:9/",
                n == 2 ? "POST" : "GET",
                target,
                status,
                error,
                n + 1,
                900L + n,
                status == null ? null : 800L,
                n * 100L,
                -1L + n,
                "{\"n\":" + n + "}");
    }
}
