package io.switchboard.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files a config path stands for: the file itself, or a directory's {@code *.yaml} and {@code *.yml} files in
 * name order, not recursively.
 */
final class ConfigFiles {
    private ConfigFiles() {}

    /**
     * Returns the config files in a directory. Names starting with a dot are left out: editors keep swap and lock files
     * there ({@code .#a.yaml}), and Kubernetes keeps a ConfigMap's real files behind {@code ..data}.
     */
    static List<Path> in(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(ConfigFiles::isConfigFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean isConfigFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }
}
