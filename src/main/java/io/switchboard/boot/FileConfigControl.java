package io.switchboard.boot;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.ConfigWatcher;
import io.switchboard.config.GatewayConfig;
import io.switchboard.config.LoadResult;
import io.switchboard.runtime.ConfigControl;
import io.switchboard.runtime.EventRecorder;
import io.switchboard.runtime.GatewayMetrics;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and reloads the config from its file or directory. A reload that finds any problem changes nothing: the
 * running config stays, and every problem is logged.
 */
public final class FileConfigControl implements ConfigControl {
    private static final Logger LOG = LoggerFactory.getLogger(FileConfigControl.class);

    private final Path source;
    private final Map<String, String> environment;
    private final LiveRuntime runtime;
    private final GatewayMetrics metrics;
    private final EventRecorder events;
    private volatile @Nullable ConfigWatcher watcher;

    /** Creates a control over the config at {@code source}, resolving {@code ${NAME}} from {@code environment}. */
    public FileConfigControl(
            Path source,
            Map<String, String> environment,
            LiveRuntime runtime,
            GatewayMetrics metrics,
            EventRecorder events) {
        this.events = events;
        this.source = source;
        this.environment = Map.copyOf(environment);
        this.runtime = runtime;
        this.metrics = metrics;
    }

    @Override
    public ConfigCheck validate() {
        LoadResult result = ConfigLoader.load(source, environment);
        return new ConfigCheck(result.isValid(), false, runtime.current().generation(), texts(result.problems()));
    }

    @Override
    public ConfigCheck reload(String requestedBy) {
        return apply(ConfigLoader.load(source, environment), requestedBy);
    }

    /**
     * Watches the config files from now on and applies each settled change as a reload by "file watcher"; returns
     * this. {@link #close()} stops watching.
     */
    public FileConfigControl watching() {
        watcher = ConfigWatcher.start(source, environment, result -> apply(result, "file watcher"));
        return this;
    }

    @Override
    public void close() {
        ConfigWatcher running = watcher;
        if (running != null) {
            running.close();
        }
    }

    private synchronized ConfigCheck apply(LoadResult result, String requestedBy) {
        if (result instanceof LoadResult.Valid valid) {
            GatewayConfig before = runtime.current().config().gateway();
            long generation = runtime.apply(valid.config()).generation();
            warnAboutRestartOnlySettings(before, valid.config().gateway());
            events.record(
                    Event.CONFIG_RELOADED,
                    null,
                    Severity.INFO,
                    "config generation " + generation + " applied (reload by " + requestedBy + ")",
                    requestedBy,
                    new JsonObject().put("generation", generation).put("applied", true));
            return new ConfigCheck(true, true, generation, List.of());
        }
        metrics.configRejected();
        List<String> problems = texts(result.problems());
        LOG.warn(
                "config reload by {} refused: {} problems; generation {} stays in force",
                requestedBy,
                problems.size(),
                runtime.current().generation());
        problems.forEach(problem -> LOG.warn("  {}", problem));
        events.record(
                Event.CONFIG_RELOADED,
                null,
                Severity.WARNING,
                "config reload by " + requestedBy + " refused: " + problems.size() + " problems; generation "
                        + runtime.current().generation() + " stays in force",
                requestedBy,
                new JsonObject().put("applied", false).put("problems", new JsonArray(problems)));
        return new ConfigCheck(false, false, runtime.current().generation(), problems);
    }

    /** Listener addresses, server limits and the store are bound at start; say so instead of ignoring the change. */
    private static void warnAboutRestartOnlySettings(GatewayConfig before, GatewayConfig after) {
        if (!before.listen().equals(after.listen())
                || !before.admin().equals(after.admin())
                || !before.limits().equals(after.limits())
                || !before.store().equals(after.store())) {
            LOG.warn(
                    "gateway.listen, gateway.admin, gateway.limits and gateway.store take effect only after a restart");
        }
    }

    private static List<String> texts(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).toList();
    }
}
