package io.switchboard.store;

/**
 * Where a page of events ended: the time and id of its last (oldest) event, as the opaque text the API hands out.
 */
record EventCursor(long timeMicros, String id) {
    static final String SEPARATOR = "_";

    static EventCursor of(Event event) {
        return new EventCursor(Database.micros(event.time()), event.id());
    }

    static EventCursor parse(String text) {
        int separator = text.indexOf(SEPARATOR);
        if (separator > 0 && separator < text.length() - 1) {
            try {
                return new EventCursor(Long.parseLong(text.substring(0, separator)), text.substring(separator + 1));
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
        }
        throw new IllegalArgumentException(
                "cursor \"" + text + "\" is not one this store gave out (expected: the next cursor of a page)");
    }

    String text() {
        return timeMicros + SEPARATOR + id;
    }
}
