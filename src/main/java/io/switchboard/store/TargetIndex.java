package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trigram indexes of journal targets on SQLite, behind the {@code q} filter: kept in step with the records, and
 * asked only when they help. A batch written since version 11 is one document of {@code exchange_target_batch}
 * (db/sqlite/V11): its distinct targets, one per line, rowid its first row. A batch written before is in {@code
 * exchange_target} (db/sqlite/V6), a row per record (before version 10) or per distinct target (version 10), rowid the
 * record's row; retention removes those as they age.
 *
 * <p>An index answers "which documents hold these three-character pieces", and its cost is the length of the lists it
 * reads: a piece that nearly every path has ("ord", "/v1") lists nearly every document. So the search asks only for the
 * rarest pieces of the text, judged on a sample of the newest targets, and leaves the exact check to the reading of the
 * packs that follows. A text common in the sample needs no index at all: reading newest first fills a page within a
 * few hundred records. A hit stands for its batch, whose records are all checked ({@link PackedJournal}).
 */
final class TargetIndex {
    /** How many of the newest targets the rarity of the text and its pieces is judged on. */
    private static final int SAMPLE = 2000;

    /** A text found in this share of the sample is common: a scan finds a page of it quickly. */
    private static final double COMMON_TEXT = 0.01;

    /** A piece in more than this share of the sample narrows too little to be worth reading its list. */
    private static final double USELESS_PIECE = 0.2;

    /**
     * The per-record index is asked for at most this many pieces: the rarest few narrow as well as all of them, far
     * sooner.
     */
    private static final int PIECES = 3;

    /**
     * The per-batch index is asked for a phrase of at most this many consecutive pieces (eight characters): a batch
     * holds a thousand targets, so pieces without their order would be in nearly every batch (an order number's
     * digits are); a phrase of rare pieces is in the batches that hold that part of the text, and a longer one would
     * only read more lists.
     */
    private static final int PHRASE_PIECES = 6;

    private TargetIndex() {}

    /** The batches (first rows) the per-batch index lists for a phrase (its one argument), newest first. */
    static final String BATCH_HITS =
            "SELECT rowid FROM exchange_target_batch WHERE exchange_target_batch MATCH ? ORDER BY rowid DESC";

    /** The rows the per-record index lists for a match (its one argument), newest written first. */
    static final String RECORD_HITS =
            "SELECT rowid FROM exchange_target WHERE exchange_target MATCH ? ORDER BY rowid DESC";

    /** Which index holds a batch's targets, and how: kept with the batch's pack ({@link RecordPack}). */
    enum Entries {
        /** A row of {@code exchange_target} per record: batches written before version 10. */
        EVERY_RECORD,
        /** A row of {@code exchange_target} per distinct target, its first record's: batches of version 10. */
        EACH_TARGET_ONCE,
        /** One document of {@code exchange_target_batch}: batches written since version 11. */
        BATCH_DOCUMENT
    }

    /** The queries for a text: a phrase for the per-batch index and pieces for the per-record one. */
    record Match(String phrase, String pieces) {}

    /**
     * Indexes the targets of a batch, in the writer's transaction: one document of its distinct targets. A hit names
     * the batch, whose records are then all checked against the text; a batch's repeated targets (a path without an
     * id in it, called again and again) would add nothing but work for the writer.
     */
    static void add(Connection connection, long firstRow, List<String> targets) throws SQLException {
        writeDocument(
                connection, "INSERT INTO exchange_target_batch (rowid, targets) VALUES (?, ?)", firstRow, targets);
    }

    /**
     * Removes a batch's targets from the index that holds them, and indexes those of the records it keeps again (an
     * index without its text forgets a row only when told the text it indexed).
     *
     * @param entries how the batch's targets are indexed
     * @param firstRow the batch's first row
     * @param rows all the batch's rows, in the order written
     * @param targets their targets, in the same order
     * @param keptRows the rows the batch keeps, in the order written
     * @param keptTargets their targets, in the same order
     * @return how the kept records' targets are indexed now
     */
    static Entries replace(
            Connection connection,
            Entries entries,
            long firstRow,
            List<Long> rows,
            List<String> targets,
            List<Long> keptRows,
            List<String> keptTargets)
            throws SQLException {
        if (entries == Entries.BATCH_DOCUMENT) {
            writeDocument(
                    connection,
                    "INSERT INTO exchange_target_batch (exchange_target_batch, rowid, targets) VALUES ('delete', ?, ?)",
                    firstRow,
                    targets);
            if (!keptTargets.isEmpty()) {
                add(connection, firstRow, keptTargets);
            }
            return Entries.BATCH_DOCUMENT;
        }
        writeRows(
                connection,
                "INSERT INTO exchange_target (exchange_target, rowid, target) VALUES ('delete', ?, ?)",
                rows,
                targets,
                entries == Entries.EVERY_RECORD);
        // Which record stands for a target may have been one deleted: the kept ones stand for theirs now.
        writeRows(
                connection, "INSERT INTO exchange_target (rowid, target) VALUES (?, ?)", keptRows, keptTargets, false);
        return Entries.EACH_TARGET_ONCE;
    }

    /** Writes a batch's document: its distinct targets in the order first written, one per line. */
    private static void writeDocument(Connection connection, String sql, long firstRow, List<String> targets)
            throws SQLException {
        // A target never holds a line break (a request line cannot), so no phrase of one matches across two.
        String document = String.join("\n", new LinkedHashSet<>(targets));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, firstRow);
            statement.setString(2, document);
            statement.executeUpdate();
        }
    }

    private static void writeRows(
            Connection connection, String sql, List<Long> rows, List<String> targets, boolean everyTarget)
            throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                String target = targets.get(i);
                if (everyTarget || seen.add(target)) {
                    statement.setLong(1, rows.get(i));
                    statement.setString(2, target);
                    statement.addBatch();
                }
            }
            // FTS5 gathers the pieces of a transaction's rows in memory and writes them once, at commit.
            statement.executeBatch();
        }
    }

    /**
     * Returns the indexes' queries for the rarest pieces of {@code text}, judged on the newest targets, or null when a
     * scan is the better way (see {@link #match(String, List)}).
     */
    static @Nullable Match match(Connection connection, String text) throws SQLException {
        if (!indexable(text)) {
            return null;
        }
        List<String> targets = new ArrayList<>(SAMPLE);
        try (Statement statement = connection.createStatement();
                ResultSet packs = statement.executeQuery("SELECT batch, data FROM exchange_pack ORDER BY batch DESC")) {
            while (targets.size() < SAMPLE && packs.next()) {
                RecordPack.Reader reader =
                        new RecordPack.Reader(packs.getBytes(2), packs.getLong(1), RecordPack.Selection.ALL);
                while (targets.size() < SAMPLE && reader.next()) {
                    targets.add(reader.target());
                }
            }
        }
        return match(text, targets);
    }

    /**
     * Returns the indexes' queries for the rarest pieces of {@code text}, or null when a scan is the better way: the
     * text is shorter than a piece, not ASCII, common in the sample, or made only of pieces too common to narrow
     * anything. For the per-batch index, a phrase: the rarest piece and the rarer of its neighbours in turn, while
     * they narrow, up to {@link #PHRASE_PIECES}; for the per-record index, the {@link #PIECES} rarest pieces.
     *
     * @param text what the target must contain
     * @param newestTargets the targets of the newest records, at most {@link #SAMPLE}
     */
    static @Nullable Match match(String text, List<String> newestTargets) {
        if (!indexable(text)) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> sample = new ArrayList<>(newestTargets.size());
        int holding = 0;
        for (String target : newestTargets) {
            String lowered = target.toLowerCase(Locale.ROOT);
            sample.add(lowered);
            if (lowered.contains(lower)) {
                holding++;
            }
        }
        if (!sample.isEmpty() && holding >= Math.max(1, sample.size() * COMMON_TEXT)) {
            return null;
        }
        // The pieces in the order of the text, each with how many sampled targets hold it.
        int[] rows = new int[lower.length() - 2];
        for (int at = 0; at < rows.length; at++) {
            String piece = lower.substring(at, at + 3);
            for (String target : sample) {
                if (target.contains(piece)) {
                    rows[at]++;
                }
            }
        }
        Integer[] byRarity = new Integer[rows.length];
        for (int at = 0; at < rows.length; at++) {
            byRarity[at] = at;
        }
        Arrays.sort(byRarity, Comparator.comparingInt(at -> rows[at]));
        double useless = sample.size() * USELESS_PIECE;
        if (!sample.isEmpty() && rows[byRarity[0]] > useless) {
            return null;
        }
        int from = byRarity[0];
        int to = from;
        while (to - from + 1 < PHRASE_PIECES) {
            boolean left = from > 0 && (sample.isEmpty() || rows[from - 1] <= useless);
            boolean right = to + 1 < rows.length && (sample.isEmpty() || rows[to + 1] <= useless);
            if (left && (!right || rows[from - 1] <= rows[to + 1])) {
                from--;
            } else if (right) {
                to++;
            } else {
                break;
            }
        }
        Set<String> pieces = new LinkedHashSet<>();
        for (int i = 0; i < byRarity.length && pieces.size() < PIECES; i++) {
            pieces.add(ftsString(lower.substring(byRarity[i], byRarity[i] + 3)));
        }
        return new Match(ftsString(lower.substring(from, to + 3)), String.join(" AND ", pieces));
    }

    /** An FTS5 string: double quotes around, a double quote inside doubled; the trigram tokenizer folds case. */
    private static String ftsString(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Returns whether the index can serve the text at all: it must hold a piece (three characters) and be ASCII, as the
     * index cuts text into code points and SQLite's LOWER folds ASCII only. Checked before sampling anything.
     */
    private static boolean indexable(String text) {
        return text.length() >= 3 && text.chars().allMatch(c -> c < 0x80);
    }
}
