package io.switchboard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading a config gave: either a valid config, or every problem found in it; both say which files were read.
 */
public sealed interface LoadResult permits LoadResult.Valid, LoadResult.Invalid {

    /** Returns the files read, in the order they were read (name order for a directory). */
    List<Path> files();

    /** Returns every problem found, in file order and then line order; empty when the config is valid. */
    List<ConfigProblem> problems();

    /** Returns whether the config is valid, which is when there are no problems. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * A config with no problems.
     *
     * @param config the config, ready to use
     * @param files the files it was read from
     */
    record Valid(SwitchboardConfig config, List<Path> files) implements LoadResult {
        public Valid {
            files = List.copyOf(files);
        }

        @Override
        public List<ConfigProblem> problems() {
            return List.of();
        }
    }

    /**
     * A config with problems; nothing of it may be used.
     *
     * @param problems every problem found, never empty
     * @param files the files read (possibly none, when the path does not exist)
     */
    record Invalid(List<ConfigProblem> problems, List<Path> files) implements LoadResult {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid config has at least one problem");
            }
            problems = List.copyOf(problems);
            files = List.copyOf(files);
        }
    }
}
