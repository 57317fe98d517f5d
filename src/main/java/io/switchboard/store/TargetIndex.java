package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * for the rarest pieces of the text, judged on a sample of the newest targets, and leaves the exact check to the LIKE
 * that follows. A text common in the sample needs no index at all: reading newest first fills a page within a few
 * hundred rows.
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

    /**
     * Returns the SELECT of {@code columns} from the rows the index lists (its first argument is the match), filtered
     * by {@code where}, newest written first: {@code ended_us} first, for {@link #page}. The index leads the join.
     */
    static String hitsSql(String columns, String where) {
        return "SELECT time_us + duration_us AS ended_us, " + columns
                + " FROM (SELECT rowid AS hit FROM exchange_target WHERE exchange_target MATCH ?) AS hits"
                + " CROSS JOIN exchange ON exchange.rowid = hits.hit" + where + " ORDER BY hits.hit DESC";
    }

    /** Indexes the targets of the records written after {@code rowid}, in the writer's transaction. */
    static void addAfter(Connection connection, long rowid) throws SQLException {
        // One statement for the whole batch: FTS5 gathers the batch's pieces in memory and writes them once.
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO exchange_target (rowid, target)"
                + " SELECT rowid, target FROM exchange WHERE rowid > ?")) {
            statement.setLong(1, rowid);
            statement.executeUpdate();
        }
    }

    /**
     * Removes from the index the records that {@code condition} (on {@code id}, one argument) selects; call it before
     * deleting them, as a contentless index forgets a row only when told the text it indexed.
     */
    static void remove(Connection connection, String condition, String bound) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("INSERT INTO exchange_target (exchange_target, rowid, target)"
                        + " SELECT 'delete', rowid, target FROM exchange WHERE " + condition)) {
            statement.setString(1, bound);
            statement.executeUpdate();
        }
    }

    /**
     * Reads a page from the hits of a {@link #hitsSql} query, newest first by id. The hits come in the order the rows
     * were written, so {@link NewestById} decides when no later hit can make the page: a text matching a hundred
     * thousand rows is answered from its newest few dozen, not by sorting them all.
     */
    static ExchangePage page(PreparedStatement statement, int limit, NewestById.RowReader reader) throws SQLException {
        NewestById page = new NewestById(limit);
        try (statement;
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (page.complete(rows.getLong(1))) {
                    break;
                }
                page.add(reader.read(rows));
            }
        }
        return page.page();
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
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT target FROM exchange ORDER BY id DESC LIMIT ?")) {
            statement.setInt(1, SAMPLE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    targets.add(rows.getString(1));
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
