package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trigram index of journal targets on SQLite ({@code exchange_target}, db/sqlite/V6), behind the {@code q} filter:
 * kept in step with the records, and asked only when it helps.
 *
 * <p>The index answers "which rows hold all these three-character pieces", and its cost is the length of the lists it
 * reads: a piece that nearly every path has ("ord", "/v1") lists nearly every row. So the search asks the index only
 * for the rarest pieces of the text, judged on a sample of the newest targets, and leaves the exact check to the
 * reading of the packs that follows. A text common in the sample needs no index at all: reading newest first fills a
 * page within a few hundred records. A row of the index is a record's, its batch's first row plus its place in the
 * batch ({@link PackedJournal}); a hit stands for its batch, whose records are all checked.
 */
final class TargetIndex {
    /** How many of the newest targets the rarity of the text and its pieces is judged on. */
    private static final int SAMPLE = 2000;

    /** A text found in this share of the sample is common: a scan finds a page of it quickly. */
    private static final double COMMON_TEXT = 0.01;

    /** A piece in more than this share of the sample narrows too little to be worth reading its list. */
    private static final double USELESS_PIECE = 0.2;

    /** The index is asked for at most this many pieces: the rarest few narrow as well as all of them, far sooner. */
    private static final int PIECES = 3;

    private TargetIndex() {}

    /** The rows the index lists for a match (its one argument), newest written first. */
    static final String HITS = "SELECT rowid FROM exchange_target WHERE exchange_target MATCH ? ORDER BY rowid DESC";

    /**
     * Indexes the targets of a batch, in the writer's transaction: the first record of each distinct target only. A hit
     * names a batch, whose records are then all checked against the text; a batch's repeated targets (a path without
     * an id in it, called again and again) would add nothing but work for the writer.
     *
     * @param rows the records' rows, in the order written
     * @param targets their targets, in the same order
     */
    static void add(Connection connection, List<Long> rows, List<String> targets) throws SQLException {
        write(connection, "INSERT INTO exchange_target (rowid, target) VALUES (?, ?)", rows, targets, false);
    }

    /**
     * Removes a batch's records from the index: a contentless index forgets a row only when told the text it indexed.
     *
     * @param rows all the batch's rows, in the order written
     * @param targets their targets, in the same order
     * @param everyTarget whether each record was indexed (records from before version 10), not each distinct target's
     *     first
     */
    static void remove(Connection connection, List<Long> rows, List<String> targets, boolean everyTarget)
            throws SQLException {
        write(
                connection,
                "INSERT INTO exchange_target (exchange_target, rowid, target) VALUES ('delete', ?, ?)",
                rows,
                targets,
                everyTarget);
    }

    private static void write(
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
     * Returns the FTS5 query for the rarest pieces of {@code text}, judged on the newest targets, or null when a scan
     * is the better way (see {@link #match(String, List)}).
     */
    static @Nullable String match(Connection connection, String text) throws SQLException {
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
     * Returns the FTS5 query for the rarest pieces of {@code text}, or null when a scan is the better way: the text is
     * shorter than a piece, not ASCII, common in the sample, or made only of pieces too common to narrow anything.
     *
     * @param text what the target must contain
     * @param newestTargets the targets of the newest records, at most {@link #SAMPLE}
     */
    static @Nullable String match(String text, List<String> newestTargets) {
        if (!indexable(text)) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> pieces = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= lower.length(); i++) {
            pieces.add(lower.substring(i, i + 3));
        }
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
        List<Piece> counted = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            int rows = 0;
            for (String target : sample) {
                if (target.contains(piece)) {
                    rows++;
                }
            }
            counted.add(new Piece(piece, rows));
        }
        counted.sort(Comparator.comparingInt(Piece::rows));
        if (!sample.isEmpty() && counted.getFirst().rows() > sample.size() * USELESS_PIECE) {
            return null;
        }
        List<String> terms = new ArrayList<>(PIECES);
        for (Piece piece : counted.subList(0, Math.min(PIECES, counted.size()))) {
            // An FTS5 string: double quotes around, a double quote inside doubled; the trigram tokenizer folds case.
            terms.add('"' + piece.text().replace("\"", "\"\"") + '"');
        }
        return String.join(" AND ", terms);
    }

    /**
     * Returns whether the index can serve the text at all: it must hold a piece (three characters) and be ASCII, as the
     * index cuts text into code points and SQLite's LOWER folds ASCII only. Checked before sampling anything.
     */
    private static boolean indexable(String text) {
        return text.length() >= 3 && text.chars().allMatch(c -> c < 0x80);
    }

    private record Piece(String text, int rows) {}
}
