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
}
