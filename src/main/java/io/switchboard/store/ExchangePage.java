package io.switchboard.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of journal records, newest first, without their details.
 *
 * @param records the records
 * @param next pass to {@link ExchangeQuery#after(String)} for the next (older) page; null when this is the last
 */
public record ExchangePage(
        List<ExchangeRecord> records, @Nullable String next) {
    public ExchangePage {
        records = List.copyOf(records);
    }

    /**
     * Returns the page of {@code limit} records from records read newest first with one more than the limit asked
     * for: that one, when it came, says an older page follows.
     */
    static ExchangePage ofOneMore(List<ExchangeRecord> newestFirst, int limit) {
        if (newestFirst.size() <= limit) {
            return new ExchangePage(newestFirst, null);
        }
        List<ExchangeRecord> page = newestFirst.subList(0, limit);
        return new ExchangePage(page, page.getLast().id());
    }
}
