package io.switchboard.runtime;

import java.util.List;

/** Validates and reloads the config from its files on demand (admin API, SIGHUP-like triggers). */
public interface ConfigControl extends AutoCloseable {

    /** Reads the config files again and reports their problems without applying anything. */
    ConfigCheck validate();

    /**
     * Reads the config files again and applies them when valid; when not, the running config stays.
     *
     * @param requestedBy who asked (a token name, or "watcher"), for the log and the audit trail
     */
    ConfigCheck reload(String requestedBy);

    /** Stops any background watching; the gateway calls it when it stops. */
    @Override
    default void close() {}

    /**
     * What a validation or reload found.
     *
     * @param valid whether the files hold a valid config
     * @param applied whether it was applied (reload only)
     * @param generation the config generation in force afterwards
     * @param problems every problem, as {@code file:line:column: path: message}
     */
    record ConfigCheck(boolean valid, boolean applied, long generation, List<String> problems) {
        public ConfigCheck {
            problems = List.copyOf(problems);
        }
    }
}
