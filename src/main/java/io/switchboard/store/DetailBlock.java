package io.switchboard.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The masked details of one write batch, stored together as one compressed block.
 *
 * <p>Why a block: a detail is mostly headers, and the headers of a thousand exchanges repeat each other almost
 * entirely; compressed together they shrink over ten times, so a journal of a given size holds about three times the
 * history. Reading one detail decompresses its block, a few milliseconds, which a person opening one exchange never
 * notices.
 *
 * <p>Blocks are Zstandard frames (level 1): for the proxy benchmark's details, ~0.8 µs of the writer's CPU a record
 * against deflate's ~2.6 µs, and a quarter smaller. Blocks written before (schema V5 and V6) are raw deflate, told
 * apart by the Zstandard frame's magic number, which no raw deflate stream can start with (its first block would be a
 * stored one whose length and complement disagree); they are read as they are.
 *
 * <p>Format, once decompressed: one line per record, {@code id TAB detail LF}. A detail is JSON text, whose control
 * characters are always escaped, so it holds neither a tab nor a line feed; except that a string value may be stored
 * {@linkplain #RAW_STRING raw}, which the reader turns back into a JSON string.
 */
public final class DetailBlock {
    /** Zstandard's level 1: the repetition between headers gives nearly all the gain; higher levels cost more CPU. */
    private static final int LEVEL = 1;

    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

    /** Ends a line's id: what follows is its detail. */
    public static final char ID_END = '\t';

    /** Ends a line. A detail is JSON text, which holds neither character unescaped. */
    public static final char LINE_END = '\n';

    /**
     * Starts a string value stored raw in a detail (store version 12): this byte, the length of the string's UTF-8
     * bytes in four bytes (big-endian), then those bytes as they are, unescaped. JSON text never holds this control
     * character unescaped, and a reader skips the raw bytes by their length, so they may hold anything.
     *
     * <p>Why: a body is the larger part of a detail and, being JSON itself nearly always, has a quote every few bytes;
     * escaping it was most of the writer's work on a record with a body of a few kilobytes (a 2 KiB JSON answer: ~9 of
     * ~16 µs a record in the writer's profile). Stored raw, it is a copy; the reader escapes it for the few records a
     * person opens.
     */
    public static final byte RAW_STRING = 0x01;

    /** How many bytes a raw string's length takes after {@link #RAW_STRING}. */
    public static final int RAW_LENGTH_BYTES = 4;

    private DetailBlock() {}

    /**
     * A packed block.
     *
     * @param firstId the smallest id among its records: the block's key
     * @param lastId the largest: once that record is deleted, the block can go
     * @param data the compressed lines
     */
    // The bytes go straight to the database; a Packed is never compared or used as a key.
    @SuppressWarnings("ArrayRecordComponent")
    record Packed(String firstId, String lastId, byte[] data) {}

    /**
     * The lines of one block, uncompressed, as the journal's writer lays them out while it takes records: one line per
     * record, in the records' order, {@code id TAB detail LF}. Only {@code length} bytes of {@code utf8} count: the
     * writer reuses one buffer batch after batch, so that a thousand details a batch are not copied into a new array
     * two or three times before they are compressed.
     *
     * @param utf8 the lines, from the first byte
     * @param length how many bytes of {@code utf8} they take
     */
    // A view of the writer's buffer, handed over for one call; never compared or kept.
    @SuppressWarnings("ArrayRecordComponent")
    public record Lines(byte[] utf8, int length) {}

    /**
     * Packs details given as UTF-8 JSON, one per record (null for a record without one); returns null when none has.
     */
    static @Nullable Packed pack(List<ExchangeRecord> records, List<byte @Nullable []> details) {
        int size = 0;
        for (byte[] detail : details) {
            size += detail == null ? 0 : detail.length + 32;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(Math.max(64, size));
        List<ExchangeRecord> withDetails = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            byte[] detail = details.get(i);
            if (detail != null) {
                withDetails.add(records.get(i));
                lines.writeBytes(records.get(i).id().getBytes(StandardCharsets.UTF_8));
                lines.write(ID_END);
                lines.writeBytes(detail);
                lines.write(LINE_END);
            }
        }
        return withDetails.isEmpty() ? null : pack(withDetails, new Lines(lines.toByteArray(), lines.size()));
    }

    /** Packs the lines of a non-empty batch in which every record has its detail. */
    static Packed pack(List<ExchangeRecord> records, Lines lines) {
        PackedJournal.IdRange ids = PackedJournal.IdRange.of(records);
        return new Packed(ids.min(), ids.max(), compress(lines.utf8(), lines.length()));
    }

    /** Compresses the first {@code length} bytes of {@code lines}; a Zstandard error throws its ZstdException. */
    private static byte[] compress(byte[] lines, int length) {
        byte[] frame = new byte[Math.toIntExact(Zstd.compressBound(length))];
        long size = Zstd.compressByteArray(frame, 0, frame.length, lines, 0, length, LEVEL);
        return Arrays.copyOf(frame, Math.toIntExact(size));
    }

    /** Returns each record's own detail as UTF-8 (null for a record without one). */
    static List<byte @Nullable []> utf8(List<ExchangeRecord> records) {
        List<byte @Nullable []> details = new ArrayList<>(records.size());
        for (ExchangeRecord record : records) {
            String detail = record.detail();
            details.add(detail == null ? null : detail.getBytes(StandardCharsets.UTF_8));
        }
        return details;
    }

    /** Returns the detail of the record {@code id} in the block, or null when the block does not hold it. */
    static @Nullable String detailOf(byte[] block, String id) {
        byte[] lines = decompress(block);
        byte[] key = (id + ID_END).getBytes(StandardCharsets.UTF_8);
        int line = 0;
        while (line < lines.length) {
            int end = lineEnd(lines, line);
            if (startsWith(lines, line, key)) {
                return expanded(lines, line + key.length, end);
            }
            line = end + 1;
        }
        return null;
    }

    /**
     * Returns the whole block as text, one {@code id TAB detail} line per record, raw strings written as JSON strings:
     * for tests and tools.
     */
    public static String text(byte[] block) {
        byte[] lines = decompress(block);
        StringBuilder text = new StringBuilder(lines.length + lines.length / 8);
        int line = 0;
        while (line < lines.length) {
            int end = lineEnd(lines, line);
            text.append(expanded(lines, line, end));
            if (end < lines.length) {
                text.append(LINE_END);
            }
            line = end + 1;
        }
        return text.toString();
    }

    /** Returns where the line starting at {@code from} ends: its line feed, or the end of the lines. */
    private static int lineEnd(byte[] lines, int from) {
        int at = from;
        while (at < lines.length) {
            byte b = lines[at];
            if (b == LINE_END) {
                return at;
            }
            at = b == RAW_STRING ? afterRawString(lines, at) : at + 1;
        }
        return lines.length;
    }

    /** Returns the text between {@code from} and {@code to}, each raw string in it written as a JSON string. */
    private static String expanded(byte[] lines, int from, int to) {
        StringBuilder text = null;
        int copied = from;
        for (int at = from; at < to; at++) {
            if (lines[at] == RAW_STRING) {
                if (text == null) {
                    text = new StringBuilder(to - from + 64);
                }
                text.append(new String(lines, copied, at - copied, StandardCharsets.UTF_8));
                int start = at + 1 + RAW_LENGTH_BYTES;
                int end = afterRawString(lines, at);
                text.append('"');
                JSON_STRINGS.quoteAsString(new String(lines, start, end - start, StandardCharsets.UTF_8), text);
                text.append('"');
                copied = end;
                at = end - 1;
            }
        }
        if (text == null) {
            return new String(lines, from, to - from, StandardCharsets.UTF_8);
        }
        return text.append(new String(lines, copied, to - copied, StandardCharsets.UTF_8))
                .toString();
    }

    /** Returns the index just past the raw string whose marker is at {@code at}. */
    private static int afterRawString(byte[] lines, int at) {
        int start = at + 1 + RAW_LENGTH_BYTES;
        if (start > lines.length) {
            throw new IllegalStateException("a journal detail block ends inside a raw string's length");
        }
        int length = ((lines[at + 1] & 0xff) << 24)
                | ((lines[at + 2] & 0xff) << 16)
                | ((lines[at + 3] & 0xff) << 8)
                | (lines[at + 4] & 0xff);
        if (length < 0 || length > lines.length - start) {
            throw new IllegalStateException("a journal detail block ends inside a raw string of " + length + " bytes");
        }
        return start + length;
    }

    /** Returns the lines of a block: a Zstandard frame, or raw deflate for blocks from before. */
    private static byte[] decompress(byte[] block) {
        if (!isZstd(block)) {
            return inflateDeflated(block);
        }
        long size = Zstd.getFrameContentSize(block);
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a journal detail block does not say how large it is: " + size);
        }
        try {
            return Zstd.decompress(block, (int) size);
        } catch (ZstdException e) {
            throw new IllegalStateException(
                    "a journal detail block is not a whole Zstandard frame: " + e.getMessage(), e);
        }
    }

    private static boolean isZstd(byte[] block) {
        return block.length >= 4
                && (block[0] & 0xff) == 0x28
                && (block[1] & 0xff) == 0xb5
                && (block[2] & 0xff) == 0x2f
                && (block[3] & 0xff) == 0xfd;
    }

    private static byte[] inflateDeflated(byte[] block) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(block);
            byte[] out = new byte[Math.max(1024, block.length * 16)];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a journal detail block ends before its deflated data does");
                }
                length += n;
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a journal detail block is not deflated data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        return bytes.length - at >= prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
