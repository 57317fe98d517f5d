package io.switchboard.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * How a value appears in a problem's message: quoted as written in the file (before any substitution, so a resolved
 * secret can never show), and for secrets with any literal text masked.
 */
final class ValueText {
    private static final int LONGEST = 80;
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{([A-Za-z0-9_]*):-[^}]*}");

    private ValueText() {}

    /** Returns the text in double quotes, escaped, cut short past 80 characters. */
    static String quoted(String raw) {
        StringBuilder text = new StringBuilder(Math.min(raw.length(), LONGEST) + 2).append('"');
        for (int i = 0; i < raw.length(); i++) {
            if (text.length() > LONGEST) {
                text.append("...");
                break;
            }
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < ' ' || c == 127) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }

    /**
     * Returns a secret's text as it may be shown: its {@code ${NAME}} references, with any default masked, or
     * {@code "***"} when the secret is written into the file itself.
     */
    static String secret(String raw) {
        if (raw.isEmpty()) {
            return "\"\"";
        }
        if (!VariableSubstitution.refersToVariables(raw)) {
            return "\"***\"";
        }
        Matcher matcher = DEFAULT.matcher(raw);
        return quoted(matcher.replaceAll(match -> Matcher.quoteReplacement("${" + match.group(1) + ":-***}")));
    }

    /** Returns what a node is, for a message that says it is the wrong kind of value. */
    static String describe(Node node, boolean sensitive) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isEmpty(node)) {
            return "an empty value";
        }
        String raw = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        return sensitive ? secret(raw) : quoted(raw);
    }

    /** Returns whether the node is YAML's null: nothing written after the colon, {@code ~} or {@code null}. */
    static boolean isEmpty(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }
}
