package io.switchboard.store;

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
 * characters are always escaped, so it holds neither a tab nor a line feed.
 */
public final class DetailBlock {
    /** Zstandard's level 1: the repetition between headers gives nearly all the gain; higher levels cost more CPU. */
    private static final int LEVEL = 1;

    /** Ends a line's id: what follows is its detail. */
    public static final char ID_END = '\t';

    /** Ends a line. A detail is JSON text, which holds neither character unescaped. */
    public static final char LINE_END = '\n';

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
            int end = indexOf(lines, (byte) LINE_END, line);
            if (startsWith(lines, line, key)) {
                int from = line + key.length;
                return new String(lines, from, end - from, StandardCharsets.UTF_8);
            }
            line = end + 1;
        }
        return null;
    }

    /** Returns the whole block as text, one {@code id TAB detail} line per record: for tests and tools. */
    public static String text(byte[] block) {
        return new String(decompress(block), StandardCharsets.UTF_8);
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

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        return bytes.length - at >= prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
