package io.switchboard.config;

import java.io.StringReader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes a file's text into SnakeYAML's node tree, which keeps each value's line and column; a syntax error becomes
 * one problem in plain words.
 *
 * <p>The tree is bound by hand ({@link Section}) rather than by Jackson: every value needs its own place for its
 * problem, and every problem must be collected rather than the first one thrown, which a node walk gives directly.
 */
final class YamlTree {
    private YamlTree() {}

    /**
     * Returns the document's root node; null for a file with no document (empty, or comments only), and null after
     * reporting a syntax error to the file's problems.
     */
    static @Nullable Node compose(String text, SourceFile source) {
        LoaderOptions options = new LoaderOptions();
        // Comments are not needed, and a config never needs more than a few aliases (the default guards memory).
        options.setProcessComments(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = plainWords(e);
            if (mark == null) {
                source.problems().add(new ConfigProblem(source.name(), 0, 0, "", message));
            } else {
                source.report(mark, "", message);
            }
        } catch (YAMLException e) {
            // Raised for limits (aliases, size) and has no place; its message holds no text from the file.
            source.problems().add(new ConfigProblem(source.name(), 0, 0, "", "invalid YAML: " + e.getMessage()));
        }
        return null;
    }

    private static String plainWords(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext();
        if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
            return "a tab (expected: spaces for indentation; YAML does not allow tabs there)";
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return "a colon that YAML reads as the end of a key, inside a value (expected: quotes around a value"
                    + " that holds \": \" or ends with \":\", or a nested mapping on its own indented lines)";
        }
        if (problem.contains("another document")) {
            return "a second document after --- (expected: one document per file)";
        }
        StringBuilder text = new StringBuilder("invalid YAML: ").append(problem);
        if (context != null && !context.isEmpty()) {
            text.append(" (").append(context);
            Mark contextMark = e.getContextMark();
            if (contextMark != null) {
                text.append(" that starts at line ")
                        .append(contextMark.getLine() + 1)
                        .append(", column ")
                        .append(contextMark.getColumn() + 1);
            }
            text.append(')');
        }
        return text.toString();
    }
}
