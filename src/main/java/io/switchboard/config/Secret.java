package io.switchboard.config;

/**
 * A secret value from config (a token, a password): it never prints itself, so it cannot leak through a log line, an
 * error message or a status page by accident.
 *
 * @param value the secret itself; read it only where it is used
 */
public record Secret(String value) {
    @Override
    public String toString() {
        return "***";
    }
}
