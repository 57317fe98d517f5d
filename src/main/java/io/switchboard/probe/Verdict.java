package io.switchboard.probe;

/**
 * How a check's answer measured up to its expectations.
 *
 * @param ok whether every expectation held
 * @param message what failed, every failed expectation joined by "; ", or a short note of what came when all held
 */
record Verdict(boolean ok, String message) {}
