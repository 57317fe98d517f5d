package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    private static final Duration SETTLE = Duration.ofMillis(300);

    @TempDir
    Path directory;

    private final List<LoadResult> heard = new CopyOnWriteArrayList<>();
    private final SteppingClock clock = new SteppingClock();
    private final List<ConfigWatcher> running = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWatchers() {
        running.forEach(ConfigWatcher::close);
    }

    /** Returns a config with one connector per id. */
    private static String connectors(String... ids) {
        return "connectors:\n"
                + Arrays.stream(ids)
                        .map(id -> "  " + id + ": { upstream: { endpoints: [ \"http://" + id + "\" ] } }\n")
                        .collect(Collectors.joining());
    }

    private ConfigWatcher watcherOf(Path path) {
        return new ConfigWatcher(path, () -> ConfigLoader.load(path, Map.of()), heard::add, clock, SETTLE);
    }

    private static List<String> connectorIds(LoadResult result) {
        assertThat(result.problems()).isEmpty();
        return List.copyOf(((LoadResult.Valid) result).config().connectors().keySet());
    }

    @Test
    void reloadsOnceAfterABurstOfWritesHasSettled() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(file);

        Files.writeString(file, connectors("sms", "mail"));
        watcher.poll();
        clock.advance(Duration.ofMillis(100));
        Files.writeString(file, connectors("sms", "mail", "push"));
        watcher.poll();
        clock.advance(Duration.ofMillis(200));
        watcher.poll();
        assertThat(heard).as("still settling 200ms after the last write").isEmpty();
        clock.advance(Duration.ofMillis(100));
        watcher.poll();
        clock.advance(Duration.ofSeconds(5));
        watcher.poll();

        assertThat(heard).hasSize(1);
        assertThat(connectorIds(heard.get(0))).containsExactly("sms", "mail", "push");
    }

    @Test
    void staysQuietWhileNothingChanges() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(file);

        for (int i = 0; i < 5; i++) {
            watcher.poll();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(heard).isEmpty();
    }

    @Test
    void handsOverAnInvalidResultWhenAChangeBreaksTheConfig() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(file);
        Files.writeString(file, "connectors:\n  sms: { upstream: { endpoints: [ \"ftp://sms\" ] } }\n");

        watcher.poll();
        clock.advance(SETTLE);
        watcher.poll();

        assertThat(heard)
                .singleElement()
                .satisfies(result -> assertThat(result.problems())
                        .map(ConfigProblem::toString)
                        .containsExactly(
                                file + ":2:35: connectors.sms.upstream.endpoints[0]: \"ftp://sms\" (expected: an"
                                        + " absolute http or https URL such as http://10.0.0.5:9000/api)"));
    }

    @Test
    void handsOverAnInvalidResultWhenTheFileIsDeleted() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(file);
        Files.delete(file);

        watcher.poll();
        clock.advance(SETTLE);
        watcher.poll();

        assertThat(heard)
                .singleElement()
                .satisfies(result -> assertThat(result.problems())
                        .map(ConfigProblem::toString)
                        .containsExactly(file + ": not found (expected: a YAML file, or a directory of them)"));
    }

    @Test
    void ignoresEditorFilesAndOtherNamesInTheDirectory() throws IOException {
        Files.writeString(directory.resolve("sms.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(directory);
        Files.writeString(directory.resolve(".sms.yaml.swp"), "swap");
        Files.writeString(directory.resolve("notes.txt"), "notes");

        watcher.poll();
        clock.advance(SETTLE);
        watcher.poll();

        assertThat(heard).isEmpty();
    }

    @Test
    void callsNoListenerAfterClose() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        ConfigWatcher watcher = watcherOf(file);
        Files.writeString(file, connectors("sms", "mail"));
        watcher.poll();

        watcher.close();
        clock.advance(SETTLE);
        watcher.poll();

        assertThat(heard).isEmpty();
    }

    @Test
    void firesOnAChangeOfTheWatchedFile() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        running.add(ConfigWatcher.start(
                file,
                () -> ConfigLoader.load(file, Map.of()),
                heard::add,
                Clock.systemUTC(),
                Duration.ofMillis(50),
                Duration.ofMillis(100)));

        Files.writeString(file, connectors("sms", "mail"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
        assertThat(connectorIds(heard.get(0))).containsExactly("sms", "mail");
    }

    @Test
    void firesWhenANewFileAppearsInTheDirectory() throws IOException {
        Files.writeString(directory.resolve("10-sms.yaml"), connectors("sms"));
        running.add(ConfigWatcher.start(directory, Map.of(), heard::add));

        Files.writeString(directory.resolve("20-mail.yml"), connectors("mail"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
        assertThat(connectorIds(heard.get(0))).containsExactly("sms", "mail");
        assertThat(heard.get(0).files())
                .containsExactly(directory.resolve("10-sms.yaml"), directory.resolve("20-mail.yml"));
    }

    @Test
    void keepsWatchingWhenTheListenerThrows() throws IOException {
        Path file = Files.writeString(directory.resolve("switchboard.yaml"), connectors("sms"));
        List<LoadResult> afterFailure = new CopyOnWriteArrayList<>();
        running.add(ConfigWatcher.start(
                file,
                () -> ConfigLoader.load(file, Map.of()),
                result -> {
                    if (afterFailure.isEmpty() && heard.isEmpty()) {
                        heard.add(result);
                        throw new IllegalStateException("a listener bug");
                    }
                    afterFailure.add(result);
                },
                Clock.systemUTC(),
                Duration.ofMillis(50),
                Duration.ofMillis(100)));
        Files.writeString(file, connectors("sms", "mail"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());

        Files.writeString(file, connectors("sms", "mail", "push"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !afterFailure.isEmpty());
        assertThat(connectorIds(afterFailure.get(0))).containsExactly("sms", "mail", "push");
    }

    /** A clock that moves only when told to. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a stepping clock has one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
