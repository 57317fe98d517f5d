package io.switchboard.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The records of one write batch as one value ({@code exchange_pack.data}, SQLite store version 10): what the journal
 * keeps of each exchange, without its details, packed into bytes.
 *
 * <p>Why not a row per record: each row cost the journal's writer a primary-key entry, nineteen bound values and a
 * B-tree insert, about 2.3–4 µs a record, against about 1 µs for the same records packed; the batch index already
 * finds batches by every filter, and a page was already read batch by batch. Reading a batch now decodes it and applies
 * the filters here ({@link Selection}), creating strings only for the records that pass.
 *
 * <p>Layout {@value #LAYOUT}: the layout byte; the record count; whether each record's row number is given (1) or
 * is the batch's first row plus its position (0), and whether every record's target is in the trigram index (2) or only
 * the first of each distinct target (0), as flag bits; a dictionary of the strings that repeat (kind, caller, connector,
 * capability, endpoint, method, error, detail block); then per record: [row offset], id, time (the difference from the
 * previous record's), kind, trace id, request id, caller, connector, capability, endpoint, method, target, status,
 * error, attempts, duration, upstream time, bytes in, bytes out, detail block. Numbers are unsigned LEB128 varints
 * (signed ones zigzagged); a string is its UTF-8 length and bytes; a nullable string or number is stored plus one, 0
 * meaning null; a dictionary reference is the entry's position, plus one when nullable.
 */
public final class RecordPack {
    private static final byte LAYOUT = 1;

    /** Flag: each record's row offset is given (else its row is the batch's first row plus its position). */
    private static final int EXPLICIT_ROWS = 1;

    /** Flag: every record's target has a row in the per-record trigram index (packs made from version 5–9 rows). */
    private static final int EVERY_TARGET_INDEXED = 2;

    /** Flag: the batch's targets are one document of the per-batch trigram index (batches written since version 11). */
    private static final int BATCH_DOCUMENT = 4;

    private RecordPack() {}

    /**
     * Packs records whose rows are {@code firstRow}, {@code firstRow + 1}, and so on.
     *
     * @param detailBlocks each record's detail block, or null for a record without a detail
     */
    static byte[] pack(List<ExchangeRecord> records, List<@Nullable String> detailBlocks) {
        return pack(records, null, detailBlocks, TargetIndex.Entries.BATCH_DOCUMENT);
    }

    /**
     * Packs records with their own row numbers and detail blocks: rows written before version 10, or a batch that
     * retention writes again without its oldest records.
     *
     * @param rowOffsets each record's row minus the batch's first row, ascending
     * @param detailBlocks each record's detail block, or null
     * @param targets how the records' targets are indexed
     */
    static byte[] packRows(
            List<ExchangeRecord> records,
            long[] rowOffsets,
            List<@Nullable String> detailBlocks,
            TargetIndex.Entries targets) {
        return pack(records, rowOffsets, detailBlocks, targets);
    }

    private static byte[] pack(
            List<ExchangeRecord> records,
            long @Nullable [] rowOffsets,
            List<@Nullable String> detailBlocks,
            TargetIndex.Entries targets) {
        Bytes dictionaryBytes = new Bytes(256);
        Map<String, Integer> dictionary = new HashMap<>();
        Bytes body = new Bytes(records.size() * 160);
        long previousTime = 0;
        for (int i = 0; i < records.size(); i++) {
            ExchangeRecord record = records.get(i);
            if (rowOffsets != null) {
                body.varint(rowOffsets[i]);
            }
            body.string(record.id());
            body.varint(zigzag(record.timeMicros() - previousTime));
            previousTime = record.timeMicros();
            body.varint(entry(dictionary, dictionaryBytes, record.kind()));
            body.nullableString(record.traceId());
            body.nullableString(record.requestId());
            body.varint(nullableEntry(dictionary, dictionaryBytes, record.caller()));
            body.varint(entry(dictionary, dictionaryBytes, record.connector()));
            body.varint(nullableEntry(dictionary, dictionaryBytes, record.capability()));
            body.varint(nullableEntry(dictionary, dictionaryBytes, record.endpoint()));
            body.varint(entry(dictionary, dictionaryBytes, record.method()));
            body.string(record.target());
            Integer status = record.status();
            body.varint(status == null ? 0 : zigzag(status) + 1);
            body.varint(nullableEntry(dictionary, dictionaryBytes, record.error()));
            body.varint(zigzag(record.attempts()));
            body.varint(zigzag(record.durationMicros()));
            Long upstream = record.upstreamMicros();
            body.varint(upstream == null ? 0 : zigzag(upstream) + 1);
            body.varint(zigzag(record.bytesIn()));
            body.varint(zigzag(record.bytesOut()));
            body.varint(nullableEntry(dictionary, dictionaryBytes, detailBlocks.get(i)));
        }
        Bytes pack = new Bytes(body.length + dictionaryBytes.length + 16);
        pack.write(LAYOUT);
        pack.varint(records.size());
        int targetFlags = switch (targets) {
            case EVERY_RECORD -> EVERY_TARGET_INDEXED;
            case EACH_TARGET_ONCE -> 0;
            case BATCH_DOCUMENT -> BATCH_DOCUMENT;
        };
        pack.varint((rowOffsets == null ? 0 : EXPLICIT_ROWS) | targetFlags);
        pack.varint(dictionary.size());
        pack.append(dictionaryBytes);
        pack.append(body);
        return pack.toArray();
    }

    private static int entry(Map<String, Integer> dictionary, Bytes entries, String value) {
        Integer known = dictionary.get(value);
        if (known != null) {
            return known;
        }
        int position = dictionary.size();
        dictionary.put(value, position);
        entries.string(value);
        return position;
    }

    private static int nullableEntry(Map<String, Integer> dictionary, Bytes entries, @Nullable String value) {
        return value == null ? 0 : entry(dictionary, entries, value) + 1;
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /**
     * Which records of a pack a reader wants; every part optional (null or -1 for none). Built once per query: the
     * strings it compares are turned into bytes here, and each pack's dictionary is searched once for them.
     *
     * @param connector only this connector
     * @param caller only this caller ({@link #anonymous} for calls without one)
     * @param anonymous only calls without a caller
     * @param status only this exact status, or -1
     * @param statusClass only statuses of this class (5 for 5xx), or -1
     * @param error only this gateway error kind
     * @param kind only this kind of record ({@code proxy})
     * @param traceId only this trace, as UTF-8
     * @param fromId only ids at or after this one, as UTF-8
     * @param belowId only ids before this one, as UTF-8
     * @param targetContains only targets containing this, ASCII letters lower-cased, as UTF-8 (lower-cased likewise)
     */
    // Byte arrays compared field by field against a pack's bytes; a Selection is never compared or used as a key.
    @SuppressWarnings("ArrayRecordComponent")
    record Selection(
            @Nullable String connector,
            @Nullable String caller,
            boolean anonymous,
            int status,
            int statusClass,
            @Nullable String error,
            @Nullable String kind,
            byte @Nullable [] traceId,
            byte @Nullable [] fromId,
            byte @Nullable [] belowId,
            byte @Nullable [] targetContains) {

        /** Every record. */
        static final Selection ALL = new Selection(null, null, false, -1, -1, null, null, null, null, null, null);

        /** Returns the selection of a journal query: its filters, its time range and its cursor. */
        static Selection of(ExchangeQuery query) {
            String caller = query.caller();
            boolean anonymous = ExchangeQuery.ANONYMOUS.equals(caller);
            Integer status = query.status();
            Integer statusClass = query.statusClass();
            Long since = query.sinceMicros();
            String contains = query.targetContains();
            return new Selection(
                    query.connector(),
                    anonymous ? null : caller,
                    anonymous,
                    status == null ? -1 : status,
                    statusClass == null ? -1 : statusClass,
                    query.error(),
                    null,
                    utf8(query.traceId()),
                    since == null ? null : utf8(ExchangeRecord.idFloor(since)),
                    utf8(belowId(query)),
                    contains == null || contains.isEmpty()
                            ? null
                            : lowerAscii(contains.getBytes(StandardCharsets.UTF_8)));
        }

        /** Returns the proxied exchanges of {@code connector} (or of every connector) from {@code sinceMicros} on. */
        static Selection proxied(@Nullable String connector, long sinceMicros) {
            return new Selection(
                    connector,
                    null,
                    false,
                    -1,
                    -1,
                    null,
                    "proxy",
                    null,
                    utf8(ExchangeRecord.idFloor(sinceMicros)),
                    null,
                    null);
        }

        /** Returns the id every selected record is below (the smaller of cursor and until), or null for none. */
        static @Nullable String belowId(ExchangeQuery query) {
            String cursor = query.cursor();
            Long until = query.untilMicros();
            String untilId = until == null ? null : ExchangeRecord.idFloor(until);
            if (cursor == null) {
                return untilId;
            }
            return untilId == null || cursor.compareTo(untilId) < 0 ? cursor : untilId;
        }
    }

    /**
     * Reads a pack record by record. {@link #next} moves to the next record whose cheap fields (dictionary references,
     * numbers, id, trace) match the selection; {@link #record} makes the record, checking the target last as it costs
     * a string's worth of work.
     */
    static final class Reader {
        private final byte[] data;
        private final long firstRow;
        private final Selection selection;
        private final String[] dictionary;
        private final boolean explicitRows;
        private final TargetIndex.Entries targets;
        private final int count;
        private int position;
        private int read;
        private long previousTime;

        // The wanted dictionary references: -1 when the selection does not ask, -2 when this pack has no such value.
        private final int wantedConnector;
        private final int wantedCaller;
        private final int wantedError;
        private final int wantedKind;
        private final boolean possible;

        // The current record.
        private long row;
        private int idFrom;
        private int idLength;
        private long time;
        private int kind;
        private int traceFrom;
        private int traceLength;
        private int requestFrom;
        private int requestLength;
        private int caller;
        private int connector;
        private int capability;
        private int endpoint;
        private int method;
        private int targetFrom;
        private int targetLength;
        private long status;
        private int error;
        private long attempts;
        private long duration;
        private long upstream;
        private long bytesIn;
        private long bytesOut;
        private int detailBlock;

        Reader(byte[] data, long firstRow, Selection selection) {
            this.data = data;
            this.firstRow = firstRow;
            this.selection = selection;
            if (data.length == 0 || data[0] != LAYOUT) {
                throw new IllegalStateException("a journal pack of an unknown layout: "
                        + (data.length == 0 ? "empty" : Integer.toString(data[0])));
            }
            position = 1;
            count = (int) varint();
            int flags = (int) varint();
            explicitRows = (flags & EXPLICIT_ROWS) != 0;
            targets = (flags & BATCH_DOCUMENT) != 0
                    ? TargetIndex.Entries.BATCH_DOCUMENT
                    : (flags & EVERY_TARGET_INDEXED) != 0
                            ? TargetIndex.Entries.EVERY_RECORD
                            : TargetIndex.Entries.EACH_TARGET_ONCE;
            dictionary = new String[(int) varint()];
            for (int i = 0; i < dictionary.length; i++) {
                int length = (int) varint();
                dictionary[i] = new String(data, position, length, StandardCharsets.UTF_8);
                position += length;
            }
            wantedConnector = wanted(selection.connector());
            wantedCaller = selection.anonymous() ? -1 : wanted(selection.caller());
            wantedError = wanted(selection.error());
            wantedKind = wanted(selection.kind());
            // A pack without one of the wanted values at all holds nothing selected: not a record is parsed.
            possible = wantedConnector != -2 && wantedCaller != -2 && wantedError != -2 && wantedKind != -2;
        }

        /** Moves to the next record the selection may want; returns false after the last. */
        boolean next() {
            while (possible && read < count) {
                parse();
                read++;
                if (matchesCheaply()) {
                    return true;
                }
            }
            return false;
        }

        /** Returns how the pack's targets are indexed. */
        TargetIndex.Entries targets() {
            return targets;
        }

        /** Returns the current record's row number. */
        long row() {
            return row;
        }

        /** Returns whether the current record's target contains the selection's text (true when it asks none). */
        boolean targetMatches() {
            byte[] wanted = selection.targetContains();
            return wanted == null || containsLowerAscii(data, targetFrom, targetLength, wanted);
        }

        /** Returns the current record's id. */
        String id() {
            return new String(data, idFrom, idLength, StandardCharsets.UTF_8);
        }

        /** Returns whether the current record's id is {@code id} (as UTF-8). */
        boolean idIs(byte[] id) {
            return Arrays.equals(data, idFrom, idFrom + idLength, id, 0, id.length);
        }

        /** Returns the current record's detail block, or null when it has no detail in a block. */
        @Nullable
        String detailBlock() {
            return detailBlock == 0 ? null : dictionary[detailBlock - 1];
        }

        long timeMicros() {
            return time;
        }

        /** Returns the current record's status, or 0 when it has none. */
        int statusOrZero() {
            return status == 0 ? 0 : (int) unzigzag(status - 1);
        }

        boolean hasError() {
            return error != 0;
        }

        long durationMicros() {
            return duration;
        }

        @Nullable
        String caller() {
            return reference(caller);
        }

        String connector() {
            return dictionary[connector];
        }

        String target() {
            return new String(data, targetFrom, targetLength, StandardCharsets.UTF_8);
        }

        /** Returns the current record, without its detail. */
        ExchangeRecord record() {
            return new ExchangeRecord(
                    id(),
                    time,
                    dictionary[kind],
                    traceLength < 0 ? null : new String(data, traceFrom, traceLength, StandardCharsets.UTF_8),
                    requestLength < 0 ? null : new String(data, requestFrom, requestLength, StandardCharsets.UTF_8),
                    reference(caller),
                    dictionary[connector],
                    reference(capability),
                    reference(endpoint),
                    dictionary[method],
                    target(),
                    status == 0 ? null : (int) unzigzag(status - 1),
                    reference(error),
                    (int) attempts,
                    duration,
                    upstream == 0 ? null : unzigzag(upstream - 1),
                    bytesIn,
                    bytesOut,
                    null);
        }

        private @Nullable String reference(int nullable) {
            return nullable == 0 ? null : dictionary[nullable - 1];
        }

        private int wanted(@Nullable String value) {
            if (value == null) {
                return -1;
            }
            for (int i = 0; i < dictionary.length; i++) {
                if (dictionary[i].equals(value)) {
                    return i;
                }
            }
            return -2;
        }

        private void parse() {
            row = explicitRows ? firstRow + varint() : firstRow + read;
            idLength = (int) varint();
            idFrom = position;
            position += idLength;
            time = previousTime + unzigzag(varint());
            previousTime = time;
            kind = (int) varint();
            traceLength = (int) varint() - 1;
            traceFrom = position;
            position += Math.max(0, traceLength);
            requestLength = (int) varint() - 1;
            requestFrom = position;
            position += Math.max(0, requestLength);
            caller = (int) varint();
            connector = (int) varint();
            capability = (int) varint();
            endpoint = (int) varint();
            method = (int) varint();
            targetLength = (int) varint();
            targetFrom = position;
            position += targetLength;
            status = varint();
            error = (int) varint();
            attempts = unzigzag(varint());
            duration = unzigzag(varint());
            upstream = varint();
            bytesIn = unzigzag(varint());
            bytesOut = unzigzag(varint());
            detailBlock = (int) varint();
        }

        private boolean matchesCheaply() {
            Selection wanted = selection;
            if ((wantedConnector >= 0 && connector != wantedConnector)
                    || (wantedKind >= 0 && kind != wantedKind)
                    || (wantedError >= 0 && error != wantedError + 1)
                    || (wantedCaller >= 0 && caller != wantedCaller + 1)
                    || (wanted.anonymous() && caller != 0)) {
                return false;
            }
            int statusValue = statusOrZero();
            if ((wanted.status() >= 0 && (status == 0 || statusValue != wanted.status()))
                    || (wanted.statusClass() >= 0 && (status == 0 || statusValue / 100 != wanted.statusClass()))) {
                return false;
            }
            byte[] from = wanted.fromId();
            if (from != null && Arrays.compareUnsigned(data, idFrom, idFrom + idLength, from, 0, from.length) < 0) {
                return false;
            }
            byte[] below = wanted.belowId();
            if (below != null && Arrays.compareUnsigned(data, idFrom, idFrom + idLength, below, 0, below.length) >= 0) {
                return false;
            }
            byte[] trace = wanted.traceId();
            return trace == null
                    || (traceLength == trace.length
                            && Arrays.equals(data, traceFrom, traceFrom + traceLength, trace, 0, trace.length));
        }

        private long varint() {
            long value = 0;
            int shift = 0;
            while (true) {
                byte b = data[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
                shift += 7;
            }
        }
    }

    /** Returns every record of a pack, in the order written, without details: for tests and tools. */
    public static List<ExchangeRecord> records(byte[] data) {
        Reader reader = new Reader(data, 0, Selection.ALL);
        List<ExchangeRecord> records = new ArrayList<>();
        while (reader.next()) {
            records.add(reader.record());
        }
        return records;
    }

    private static byte @Nullable [] utf8(@Nullable String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-cases ASCII letters only, as SQLite's LOWER does. */
    static byte[] lowerAscii(byte[] text) {
        byte[] lower = text.clone();
        for (int i = 0; i < lower.length; i++) {
            lower[i] = lowerAscii(lower[i]);
        }
        return lower;
    }

    private static byte lowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    private static boolean containsLowerAscii(byte[] data, int from, int length, byte[] wanted) {
        int last = from + length - wanted.length;
        outer:
        for (int start = from; start <= last; start++) {
            for (int i = 0; i < wanted.length; i++) {
                if (lowerAscii(data[start + i]) != wanted[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A growable byte array with the pack's encodings. */
    private static final class Bytes {
        private byte[] bytes;
        private int length;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        void varint(long value) {
            room(10);
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                bytes[length++] = (byte) ((rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            bytes[length++] = (byte) rest;
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
        }

        void nullableString(@Nullable String value) {
            if (value == null) {
                varint(0);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1L);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
        }

        void append(Bytes other) {
            room(other.length);
            System.arraycopy(other.bytes, 0, bytes, length, other.length);
            length += other.length;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
