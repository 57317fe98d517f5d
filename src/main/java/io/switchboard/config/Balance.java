package io.switchboard.config;

/** How a connector spreads calls over its endpoints ({@code upstream.balance}). */
public enum Balance {
    /** Each endpoint in turn ({@code round-robin}, the default). */
    ROUND_ROBIN,
    /** The endpoint with the fewest calls in flight, ties broken in turn ({@code least-requests}). */
    LEAST_REQUESTS
}
