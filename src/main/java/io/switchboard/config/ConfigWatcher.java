package io.switchboard.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a config file, or a directory of config files, and hands a freshly loaded {@link LoadResult} to a listener
 * once a change has settled; the listener decides what to do with it (a valid result is swapped in, an invalid one is
 * logged and the running config stays).
 *
 * <p>It polls each file's size, modification time and identity (inode) twice a second rather than using the JDK's
 * WatchService. The WatchService works where inotify does (it did on ext4 in our build container), but inotify misses
 * changes on NFS and some bind mounts, and Kubernetes updates a mounted ConfigMap by swapping a symlinked directory,
 * which a watch on the file itself never sees. Polling a few files costs next to nothing and behaves the same
 * everywhere.
 *
 * <p>Editors save in several steps (write a temporary file, rename, touch), so a load happens only after the files
 * have stayed the same for a settle time; a burst of writes gives one load.
 */
public final class ConfigWatcher implements AutoCloseable {
    /** How often the files are looked at. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** How long the files must stay unchanged before they are loaded. */
    public static final Duration SETTLE_TIME = Duration.ofMillis(300);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path fileOrDirectory;
    private final Supplier<LoadResult> loader;
    private final Consumer<LoadResult> listener;
    private final Clock clock;
    private final Duration settle;
    private @Nullable ScheduledExecutorService executor;
    private volatile boolean closed;

    // Guarded by this: poll() runs on the watcher's thread, and tests call it directly.
    private Map<Path, Stamp> seen;
    private Map<Path, Stamp> loaded;
    private @Nullable Instant changedAt;

    ConfigWatcher(
            Path fileOrDirectory,
            Supplier<LoadResult> loader,
            Consumer<LoadResult> listener,
            Clock clock,
            Duration settle) {
        this.fileOrDirectory = fileOrDirectory;
        this.loader = loader;
        this.listener = listener;
        this.clock = clock;
        this.settle = settle;
        this.seen = stamps();
        this.loaded = seen;
    }

    /**
     * Starts watching on a daemon thread; the listener is called on that thread, with the result of
     * {@link ConfigLoader#load} for the same path and environment, after each settled change. The files as they are now
     * count as already loaded: load them first, then start the watcher.
     */
    public static ConfigWatcher start(
            Path fileOrDirectory, Map<String, String> environment, Consumer<LoadResult> listener) {
        requireNonNull(fileOrDirectory, "fileOrDirectory");
        Map<String, String> copy = Map.copyOf(requireNonNull(environment, "environment"));
        return start(
                fileOrDirectory,
                () -> ConfigLoader.load(fileOrDirectory, copy),
                requireNonNull(listener, "listener"),
                Clock.systemUTC(),
                POLL_INTERVAL,
                SETTLE_TIME);
    }

    static ConfigWatcher start(
            Path fileOrDirectory,
            Supplier<LoadResult> loader,
            Consumer<LoadResult> listener,
            Clock clock,
            Duration pollInterval,
            Duration settle) {
        ConfigWatcher watcher = new ConfigWatcher(fileOrDirectory, loader, listener, clock, settle);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("switchboard-config-watcher")
                .daemon(true)
                .factory());
        watcher.executor = executor;
        executor.scheduleWithFixedDelay(
                watcher::pollSafely, pollInterval.toNanos(), pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        return watcher;
    }

    /** Looks at the files once: notes a change, or loads and reports once a noted change has settled. */
    synchronized void poll() {
        if (closed) {
            return;
        }
        Map<Path, Stamp> now = stamps();
        Instant time = clock.instant();
        if (!now.equals(seen)) {
            seen = now;
            changedAt = time;
            return;
        }
        Instant changed = changedAt;
        if (changed == null || time.isBefore(changed.plus(settle))) {
            return;
        }
        changedAt = null;
        // A file saved back to what it was (an editor's undo, a touch) is no change worth a reload.
        if (now.equals(loaded)) {
            return;
        }
        loaded = now;
        LoadResult result = loader.get();
        if (!closed) {
            listener.accept(result);
        }
    }

    /** Stops watching; the listener is not called after this returns, except by a call already under way. */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A throwing listener must not end the watching: the scheduler would silently stop calling poll.
            LOG.warn("config watcher: handling a change of {} failed", fileOrDirectory, e);
        }
    }

    /** What the files look like now; a file that cannot be looked at is left out, which itself reads as a change. */
    private Map<Path, Stamp> stamps() {
        List<Path> files;
        try {
            files = Files.isDirectory(fileOrDirectory) ? ConfigFiles.in(fileOrDirectory) : List.of(fileOrDirectory);
        } catch (IOException e) {
            return Map.of();
        }
        Map<Path, Stamp> stamps = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.put(file, new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey()));
            } catch (NoSuchFileException e) {
                // Gone between the listing and the look: the next poll sees the directory without it.
            } catch (IOException e) {
                LOG.debug("config watcher: cannot read the attributes of {}", file, e);
            }
        }
        return stamps;
    }

    /**
     * One file's look, compared between polls.
     *
     * @param size its size in bytes
     * @param modified when it was last written
     * @param identity the file system's identity of the file (device and inode), which a rename-save changes; null
     *     where the file system has none
     */
    private record Stamp(
            long size, FileTime modified, @Nullable Object identity) {}
}
