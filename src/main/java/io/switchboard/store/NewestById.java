package io.switchboard.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;

/**
 * Makes a page, newest first by id, from records read in the order they were written, which is the order exchanges
 * ended, not the order of their ids (when they began): a long call is written after shorter ones that began later.
 *
 * <p>It keeps the best {@code limit + 1} by id among the records read. Reading may stop once a record (or a batch)
 * ended so much earlier than the worst of those began that nothing written before it can have begun later: everything
 * written before ended, give or take {@link #QUEUE_ORDER_SLACK_MICROS}, before it, and began before it ended.
 */
final class NewestById {
    /**
     * How much later than another an exchange may reach the journal's queue although it ended earlier: exchanges end
     * on several event loops at once, and each is queued a few microseconds after its end is taken. A second is far
     * more than that, and costs only reading one more second of the journal.
     */
    static final long QUEUE_ORDER_SLACK_MICROS = 1_000_000;

    private final int limit;

    /** Newest first by id; holds the best limit + 1, the last being the one to beat. */
    private final TreeMap<String, ExchangeRecord> best = new TreeMap<>(Comparator.reverseOrder());

    NewestById(int limit) {
        this.limit = limit;
    }

    /** Returns whether nothing written before what ended at {@code endedMicros} (inclusive) can still make the page. */
    boolean complete(long endedMicros) {
        return best.size() > limit && best.lastEntry().getValue().timeMicros() > endedMicros + QUEUE_ORDER_SLACK_MICROS;
    }

    void add(ExchangeRecord record) {
        best.put(record.id(), record);
        if (best.size() > limit + 1) {
            best.pollLastEntry();
        }
    }

    ExchangePage page() {
        return ExchangePage.ofOneMore(new ArrayList<>(best.values()), limit);
    }
}
