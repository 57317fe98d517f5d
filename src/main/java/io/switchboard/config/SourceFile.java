package io.switchboard.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** One config file being read: its name for messages, its directory for relative paths, and the problems found. */
final class SourceFile {
    private final String name;
    private final Path directory;
    private final VariableSubstitution variables;
    private final List<ConfigProblem> problems = new ArrayList<>();

    SourceFile(String name, Path directory, VariableSubstitution variables) {
        this.name = name;
        this.directory = directory;
        this.variables = variables;
    }

    String name() {
        return name;
    }

    /** Returns the directory that relative paths in this file start from. */
    Path directory() {
        return directory;
    }

    VariableSubstitution variables() {
        return variables;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void report(Mark mark, String path, String message) {
        // SnakeYAML counts lines and columns from 0; editors and compilers count from 1.
        problems.add(new ConfigProblem(name, mark.getLine() + 1, mark.getColumn() + 1, path, message));
    }
}
