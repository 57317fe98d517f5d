package io.switchboard.config;

/**
 * One thing wrong with a config, pointing at where it is written.
 *
 * <p>Printed as {@code switchboard.yaml:14:13: connectors.courier-express.limits.rate: "ten/s" (expected: a rate such
 * as 10/s)}.
 *
 * @param file the file's name as given (or the path relative to the config directory)
 * @param line 1-based line, or 0 when the problem has no place (a missing file)
 * @param column 1-based column, or 0
 * @param path the key path in YAML names, dot-separated, list items as {@code [i]}; empty for the whole file
 * @param message the offending value and what was expected, in parentheses
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
