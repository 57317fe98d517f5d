package io.switchboard.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of events, newest first, and the cursor for the page after it.
 *
 * @param events the events, newest first
 * @param next pass to {@link EventQuery#withBefore(String)} for the next (older) page; null when this is the last
 */
public record EventPage(List<Event> events, @Nullable String next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
