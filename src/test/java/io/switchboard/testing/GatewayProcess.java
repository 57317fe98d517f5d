package io.switchboard.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The real gateway in a child JVM, started from the built jar ({@code target/switchboard.jar}) with {@code run
 * --config}, for tests that need their own heap, signals or the process's own output. Its stdout and stderr go to
 * files the test can read.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING =
            Pattern.compile("proxy on http://[^:]+:(\\d+), admin on http://[^:]+:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path directory;
    private final int proxyPort;
    private final int adminPort;

    private GatewayProcess(Process process, Path directory, int proxyPort, int adminPort) {
        this.process = process;
        this.directory = directory;
        this.proxyPort = proxyPort;
        this.adminPort = adminPort;
    }

    /** Returns a builder for a child gateway running {@code yaml}. */
    public static Builder withYaml(String yaml) {
        return new Builder(yaml);
    }

    /** Returns a builder for a child running {@code switchboard demo} (arguments go after {@code demo}). */
    public static Builder demo() {
        return new Builder(null);
    }

    /** Returns the child's process. */
    public Process process() {
        return process;
    }

    /** Returns the port the proxy listens on. */
    public int proxyPort() {
        return proxyPort;
    }

    /** Returns {@code http://127.0.0.1:PORT} + path on the proxy listener. */
    public URI proxy(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxyPort + pathAndQuery);
    }

    /** Returns {@code http://127.0.0.1:PORT} + path on the admin listener. */
    public URI admin(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + adminPort + pathAndQuery);
    }

    /** Returns what the child wrote to stderr so far, line by line. */
    public List<String> stderrLines() {
        return lines(directory.resolve("stderr.txt"));
    }

    /** Returns what the child wrote to stdout so far, line by line. */
    public List<String> stdoutLines() {
        return lines(directory.resolve("stdout.txt"));
    }

    /**
     * Returns a line of the child's {@code /proc/PID/status} in KiB: {@code VmHWM} is the peak resident set size,
     * {@code VmRSS} the current one; -1 where there is no {@code /proc} (not Linux) or the process is gone.
     */
    public long memoryKib(String field) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the child's JVM options, arguments and environment before it starts. */
    public static final class Builder {
        private final @Nullable String yaml;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();

        private Builder(@Nullable String yaml) {
            this.yaml = yaml;
        }

        /** Adds JVM options such as {@code -Xmx64m}. */
        public Builder jvm(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Adds arguments after {@code run --config FILE} (or {@code demo}), such as {@code --log-format json}. */
        public Builder args(String... more) {
            arguments.addAll(List.of(more));
            return this;
        }

        /** Sets an environment variable of the child, for {@code ${NAME}} in the YAML. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Starts the child and waits until it prints where it listens; fails with its output if it does not. */
        public GatewayProcess start() throws IOException {
            Path jar = Path.of(System.getProperty("user.dir"), "target", "switchboard.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: child-JVM tests run after 'package'");
            }
            Path directory = Files.createTempDirectory("switchboard-child");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            // The flags the ./switchboard launcher passes, so Netty runs as it does in production.
            command.add("--enable-native-access=ALL-UNNAMED");
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            if (yaml == null) {
                command.add("demo");
            } else {
                Path config = directory.resolve("switchboard.yaml");
                Files.writeString(config, yaml);
                command.addAll(List.of("run", "--config", config.toString()));
            }
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(directory.resolve("stdout.txt").toFile())
                    .redirectError(directory.resolve("stderr.txt").toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            int[] ports = new int[2];
            try {
                await().atMost(STARTUP).pollInterval(Duration.ofMillis(50)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the child gateway exited with " + process.exitValue()
                                + "; stderr:\n" + String.join("\n", lines(directory.resolve("stderr.txt"))));
                    }
                    Matcher listening = listening(lines(directory.resolve("stdout.txt")));
                    if (listening == null) {
                        return false;
                    }
                    ports[0] = Integer.parseInt(listening.group(1));
                    ports[1] = Integer.parseInt(listening.group(2));
                    return true;
                });
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            return new GatewayProcess(process, directory, ports[0], ports[1]);
        }

        private static @Nullable Matcher listening(List<String> stdout) {
            for (String line : stdout) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            return null;
        }
    }
}
