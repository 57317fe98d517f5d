package io.switchboard.probe;

/**
 * One check or resource of one connector.
 *
 * @param kind check or resource
 * @param connector the connector's id
 * @param name the check's or resource's name
 */
record ProbeKey(Kind kind, String connector, String name) {

    /** Whether a probe is a check or a resource. */
    enum Kind {
        CHECK,
        RESOURCE
    }

    /** Returns what the probe header says: {@code check/ping} or {@code resource/balance}. */
    String label() {
        return (kind == Kind.CHECK ? "check/" : "resource/") + name;
    }
}
