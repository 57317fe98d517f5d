package io.switchboard.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A value in the YAML tree with its key path and the place a problem with it is reported.
 *
 * @param node the value as SnakeYAML composed it
 * @param mark where a problem with it points: the value itself, or its key when nothing is written after the colon
 * @param path the key path, such as {@code connectors.sms.limits.rate}
 * @param source the file it is in
 */
record Value(Node node, Mark mark, String path, SourceFile source) {
    /** Returns the path of a key below this value. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports a problem with this value; {@code message} is the value as shown and then what was expected. */
    void report(String message) {
        source.report(mark, path, message);
    }

    boolean isEmpty() {
        return ValueText.isEmpty(node);
    }
}
