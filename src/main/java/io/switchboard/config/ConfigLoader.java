package io.switchboard.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;

/**
 * Reads a config file, or a directory of them, into a {@link SwitchboardConfig}, or into the complete list of its
 * problems: every one, each with its file, line, column and key path, never only the first.
 *
 * <p>{@code ${NAME}} and {@code ${NAME:-default}} in values come from the environment map the caller passes (the
 * process's own, {@code System.getenv()}, in production), so tests and the validate endpoint control it.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads a config file, or every {@code *.yaml} and {@code *.yml} file in a directory (in name order, not
     * recursively, leaving out names that start with a dot). Relative paths in a file ({@code ca-file}) start from that
     * file's directory.
     */
    public static LoadResult load(Path fileOrDirectory, Map<String, String> environment) {
        requireNonNull(fileOrDirectory, "fileOrDirectory");
        requireNonNull(environment, "environment");
        VariableSubstitution variables = new VariableSubstitution(environment);
        String given = fileOrDirectory.toString();
        if (Files.isDirectory(fileOrDirectory)) {
            List<Path> files;
            try {
                files = ConfigFiles.in(fileOrDirectory);
            } catch (IOException e) {
                return placeless(
                        given, "a directory that cannot be read (expected: a readable directory of config" + " files)");
            }
            if (files.isEmpty()) {
                return placeless(
                        given,
                        "a directory without *.yaml or *.yml files (expected: at least one config" + " file in it)");
            }
            return read(files, variables);
        }
        if (!Files.exists(fileOrDirectory)) {
            return placeless(given, "not found (expected: a YAML file, or a directory of them)");
        }
        return read(List.of(fileOrDirectory), variables);
    }

    /**
     * Reads one document held in memory, such as one posted to the validate endpoint or written in a test; problems
     * name {@code fileName}, and relative paths start from the working directory.
     */
    public static LoadResult parse(String yamlText, String fileName, Map<String, String> environment) {
        return parse(yamlText, fileName, Path.of(""), environment);
    }

    /** Reads one document held in memory; relative paths in it start from {@code directory}. */
    public static LoadResult parse(String yamlText, String fileName, Path directory, Map<String, String> environment) {
        requireNonNull(yamlText, "yamlText");
        requireNonNull(fileName, "fileName");
        requireNonNull(directory, "directory");
        requireNonNull(environment, "environment");
        SourceFile source = new SourceFile(fileName, directory, new VariableSubstitution(environment));
        DocumentSchema.Bound bound =
                DocumentSchema.bind(YamlTree.compose(withoutByteOrderMark(yamlText), source), source);
        return merge(List.of(source), List.of(bound), List.of());
    }

    private static LoadResult read(List<Path> files, VariableSubstitution variables) {
        List<SourceFile> sources = new ArrayList<>(files.size());
        List<DocumentSchema.Bound> bounds = new ArrayList<>(files.size());
        for (Path file : files) {
            Path directory = file.getParent() == null ? Path.of("") : file.getParent();
            SourceFile source = new SourceFile(file.toString(), directory, variables);
            sources.add(source);
            String text = readText(file, source);
            bounds.add(DocumentSchema.bind(text == null ? null : YamlTree.compose(text, source), source));
        }
        return merge(sources, bounds, files);
    }

    private static @Nullable String readText(Path file, SourceFile source) {
        try {
            return withoutByteOrderMark(Files.readString(file));
        } catch (CharacterCodingException e) {
            source.problems()
                    .add(new ConfigProblem(source.name(), 0, 0, "", "not UTF-8 text (expected: a YAML file in UTF-8)"));
        } catch (IOException e) {
            source.problems()
                    .add(new ConfigProblem(
                            source.name(),
                            0,
                            0,
                            "",
                            "a file that cannot be read, " + e.getClass().getSimpleName()
                                    + " (expected: a file this process may read)"));
        }
        return null;
    }

    /** Puts the files together: one gateway section at most, each connector id in one file only. */
    private static LoadResult merge(List<SourceFile> sources, List<DocumentSchema.Bound> bounds, List<Path> files) {
        GatewayConfig gateway = null;
        String gatewayFirst = null;
        Map<String, ConnectorConfig> connectors = new LinkedHashMap<>();
        Map<String, String> connectorFirst = new HashMap<>();
        Map<String, CapabilitySchema.PlacedCapability> capabilities = new LinkedHashMap<>();
        Map<String, CapabilitySchema.PlacedCaller> callers = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceFile source = sources.get(i);
            DocumentSchema.Bound bound = bounds.get(i);
            Mark gatewayPlace = bound.gatewayPlace();
            if (gatewayPlace != null) {
                if (gatewayFirst != null) {
                    source.report(
                            gatewayPlace,
                            "gateway",
                            "a second gateway section (expected: gateway in one file only; " + gatewayFirst
                                    + " has one)");
                } else {
                    gatewayFirst = where(source, gatewayPlace);
                    gateway = bound.gateway();
                }
            }
            for (Map.Entry<String, Mark> defined : bound.connectorPlaces().entrySet()) {
                String id = defined.getKey();
                String first = connectorFirst.putIfAbsent(id, where(source, defined.getValue()));
                if (first != null) {
                    source.report(
                            defined.getValue(),
                            "connectors." + id,
                            "a second connector with this id (expected: each connector in one file only; " + first
                                    + " has it)");
                    continue;
                }
                ConnectorConfig connector = bound.connectors().get(id);
                if (connector != null) {
                    connectors.put(id, connector);
                }
            }
            for (CapabilitySchema.PlacedCapability capability :
                    bound.capabilities().values()) {
                CapabilitySchema.PlacedCapability first =
                        capabilities.putIfAbsent(capability.config().id(), capability);
                if (first != null) {
                    source.report(
                            capability.place(),
                            "capabilities." + capability.config().id(),
                            "a second capability with this id (expected: each capability in one file only; "
                                    + where(first.source(), first.place()) + " has it)");
                }
            }
            for (CapabilitySchema.PlacedCaller caller : bound.callers().values()) {
                CapabilitySchema.PlacedCaller first =
                        callers.putIfAbsent(caller.config().name(), caller);
                if (first != null) {
                    source.report(
                            caller.place(),
                            "callers." + caller.config().name(),
                            "a second caller with this name (expected: each caller in one file only; "
                                    + where(first.source(), first.place()) + " has it)");
                }
            }
        }
        CapabilitySchema.check(
                connectorFirst.keySet(), connectors, List.copyOf(capabilities.values()), List.copyOf(callers.values()));
        List<ConfigProblem> problems = new ArrayList<>();
        for (SourceFile source : sources) {
            List<ConfigProblem> inFile = new ArrayList<>(source.problems());
            // Checks across keys report after the keys themselves; readers expect the list in the file's order.
            inFile.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            problems.addAll(inFile);
        }
        if (!problems.isEmpty()) {
            return new LoadResult.Invalid(problems, files);
        }
        Map<String, CapabilityConfig> capabilityConfigs = new LinkedHashMap<>();
        capabilities.forEach((id, placed) -> capabilityConfigs.put(id, placed.config()));
        Map<String, CallerConfig> callerConfigs = new LinkedHashMap<>();
        callers.forEach((name, placed) -> callerConfigs.put(name, placed.config()));
        return new LoadResult.Valid(
                new SwitchboardConfig(
                        gateway == null ? GatewayConfig.DEFAULT : gateway,
                        connectors,
                        capabilityConfigs,
                        callerConfigs),
                files);
    }

    private static LoadResult placeless(String file, String message) {
        return new LoadResult.Invalid(List.of(new ConfigProblem(file, 0, 0, "", message)), List.of());
    }

    private static String where(SourceFile source, Mark mark) {
        return source.name() + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
