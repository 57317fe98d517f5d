package io.switchboard.cli;

/** How the gateway writes its log. */
public enum LogFormat {
    /** One readable line per event. */
    HUMAN,
    /** One JSON object per line, for log shippers. */
    JSON
}
