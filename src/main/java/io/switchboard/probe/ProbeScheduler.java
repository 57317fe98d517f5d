package io.switchboard.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.config.CheckConfig;
import io.switchboard.config.ProbeRequest;
import io.switchboard.config.ResourceConfig;
import io.switchboard.health.Signal;
import io.switchboard.store.CheckResult;
import io.switchboard.store.Event;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import io.switchboard.store.Severity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every connector's checks and resource probes on their schedules, one scheduler per gateway.
 *
 * <p>Each probe runs every {@code every}, its first run spread at random over its first period (at most 10 seconds),
 * so a gateway of hundreds of connectors does not probe them all at once. A run sends its request through the
 * connector's probe pipeline (see {@link ProbeCall}) on one Vert.x context, and judges the answer on a worker thread,
 * since a provider's body may be large and a regular expression slow. The latest result of each probe stays in memory
 * for the lamps ({@link #signals()}) and the admin API; every result goes to {@link ProbeRecords} for the store, a
 * check that starts or stops failing and a resource that crosses a threshold are events, and the values are gauges.
 *
 * <p>The scheduler follows reloads: a few times a second it compares the config generation, and when it changed, it
 * starts new probes, stops removed ones and restarts changed ones. A probe whose config is unchanged keeps its timer
 * and its latest result, and always runs through its connector's current probe pipeline.
 */
public final class ProbeScheduler implements AutoCloseable {
    /** The event kind of a check that started failing. */
    public static final String CHECK_FAILED = "check-failed";

    /** The event kind of a failing check that passes again. */
    public static final String CHECK_RECOVERED = "check-recovered";

    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);
    private static final long SYNC_MILLIS = 250;
    private static final Duration LONGEST_FIRST_DELAY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Context context;
    private final Clock clock;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final ProbeSource source;
    private final ProbeRecords records;
    private final ProbeMeters meters;
    private final CheckSignal checkSignal;
    private final ResourceSignal resourceSignal;

    // Touched only on the scheduler's context, so they need no locks.
    private final Map<ProbeKey, Scheduled> scheduled = new HashMap<>();
    private long generation = Long.MIN_VALUE;
    private long syncTimer = -1;

    // Read from any thread: the lamps, the admin API.
    private volatile Map<String, ProbeTarget> targets = Map.of();
    private final ConcurrentMap<ProbeKey, CheckStatus> checks = new ConcurrentHashMap<>();
    private final ConcurrentMap<ProbeKey, ResourceStatus> resources = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ProbeScheduler(
            Vertx vertx,
            Clock clock,
            RandomGenerator random,
            LongSupplier nanoTime,
            MeterRegistry registry,
            ProbeSource source,
            ProbeRecords records) {
        this.vertx = vertx;
        // Called off Vert.x (at gateway start), this makes an event-loop context of the scheduler's own.
        this.context = vertx.getOrCreateContext();
        this.clock = clock;
        this.random = random;
        this.nanoTime = nanoTime;
        this.source = source;
        this.records = records;
        this.meters = new ProbeMeters(registry);
        this.checkSignal = new CheckSignal(this::checks, clock.getZone());
        this.resourceSignal = new ResourceSignal(this::resources);
    }

    /**
     * Starts probing what {@code source} names, and following its changes.
     *
     * @param vertx the gateway's Vert.x; probes run on one of its event loops
     * @param clock the time results carry
     * @param random spreads first runs and makes request and trace ids; used on the scheduler's context only
     * @param registry where the gauges go
     * @param source the running config's connectors with their probe pipelines
     * @param records where results and events go
     */
    public static ProbeScheduler start(
            Vertx vertx,
            Clock clock,
            RandomGenerator random,
            MeterRegistry registry,
            ProbeSource source,
            ProbeRecords records) {
        ProbeScheduler scheduler =
                new ProbeScheduler(vertx, clock, random, System::nanoTime, registry, source, records);
        scheduler.context.runOnContext(ignored -> {
            scheduler.sync();
            scheduler.syncTimer = vertx.setPeriodic(SYNC_MILLIS, id -> scheduler.sync());
        });
        return scheduler;
    }

    /** Returns the connector's checks in config order, each with its latest result; empty when it has none. */
    public List<CheckStatus> checks(String connector) {
        ProbeTarget target = targets.get(connector);
        if (target == null || target.checks().isEmpty()) {
            return List.of();
        }
        List<CheckStatus> statuses = new ArrayList<>(target.checks().size());
        for (CheckConfig config : target.checks()) {
            CheckStatus status = checks.get(new ProbeKey(ProbeKey.Kind.CHECK, connector, config.name()));
            statuses.add(
                    status != null && status.config().equals(config)
                            ? status
                            : new CheckStatus(connector, config, null, null));
        }
        return statuses;
    }

    /** Returns the connector's resources in config order, each with its latest reading; empty when it has none. */
    public List<ResourceStatus> resources(String connector) {
        ProbeTarget target = targets.get(connector);
        if (target == null || target.resources().isEmpty()) {
            return List.of();
        }
        List<ResourceStatus> statuses = new ArrayList<>(target.resources().size());
        for (ResourceConfig config : target.resources()) {
            ResourceStatus status = resources.get(new ProbeKey(ProbeKey.Kind.RESOURCE, connector, config.name()));
            statuses.add(
                    status != null && status.config().equals(config)
                            ? status
                            : new ResourceStatus(connector, config, null, "", null));
        }
        return statuses;
    }

    /** Returns the signal of failing checks (red). */
    public CheckSignal checkSignal() {
        return checkSignal;
    }

    /** Returns the signal of resources past their thresholds (yellow, red) or unreadable (yellow). */
    public ResourceSignal resourceSignal() {
        return resourceSignal;
    }

    /** Returns both signals, for the lamp evaluator. */
    public List<Signal> signals() {
        return List.of(checkSignal, resourceSignal);
    }

    /** Stops every probe; runs in flight finish unrecorded. */
    @Override
    public void close() {
        closed = true;
        context.runOnContext(ignored -> {
            if (syncTimer != -1) {
                vertx.cancelTimer(syncTimer);
            }
            scheduled.values().forEach(probe -> vertx.cancelTimer(probe.timer));
            scheduled.clear();
        });
    }

    /** One scheduled probe: its config, what it sends, and its timer; touched only on the scheduler's context. */
    private static final class Scheduled {
        private final ProbeKey key;
        private final Record config;
        private final Duration every;
        private final Duration timeout;
        private final ProbeRequest request;
        private final @Nullable Pattern regex;
        private long timer = -1;
        private boolean running;

        Scheduled(ProbeKey key, CheckConfig check) {
            this.key = key;
            this.config = check;
            this.every = check.every();
            this.timeout = check.timeout();
            this.request = check.request();
            this.regex = null;
        }

        Scheduled(ProbeKey key, ResourceConfig resource) {
            this.key = key;
            this.config = resource;
            this.every = resource.every();
            this.timeout = resource.timeout();
            this.request = resource.request();
            this.regex = resource.extraction() instanceof ResourceConfig.RegexGroup group
                    ? Pattern.compile(group.pattern())
                    : null;
        }
    }

    /** Follows the config: starts new probes, stops removed and changed ones, leaves unchanged ones running. */
    private void sync() {
        if (closed) {
            return;
        }
        long current = source.generation();
        if (current == generation) {
            return;
        }
        List<ProbeTarget> list;
        try {
            list = source.targets();
        } catch (RuntimeException e) {
            LOG.error("probes cannot read the config of generation {}; trying again", current, e);
            return;
        }
        generation = current;
        Map<String, ProbeTarget> byConnector = new LinkedHashMap<>();
        Map<ProbeKey, Record> wanted = new LinkedHashMap<>();
        for (ProbeTarget target : list) {
            byConnector.put(target.connector(), target);
            target.checks()
                    .forEach(check ->
                            wanted.put(new ProbeKey(ProbeKey.Kind.CHECK, target.connector(), check.name()), check));
            target.resources()
                    .forEach(resource -> wanted.put(
                            new ProbeKey(ProbeKey.Kind.RESOURCE, target.connector(), resource.name()), resource));
        }
        targets = Map.copyOf(byConnector);
        int stopped = 0;
        for (Iterator<Map.Entry<ProbeKey, Scheduled>> it = scheduled.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ProbeKey, Scheduled> entry = it.next();
            if (!entry.getValue().config.equals(wanted.get(entry.getKey()))) {
                vertx.cancelTimer(entry.getValue().timer);
                it.remove();
                checks.remove(entry.getKey());
                resources.remove(entry.getKey());
                meters.remove(entry.getKey());
                stopped++;
            }
        }
        int started = 0;
        for (Map.Entry<ProbeKey, Record> entry : wanted.entrySet()) {
            if (scheduled.containsKey(entry.getKey())) {
                continue;
            }
            Scheduled probe = entry.getValue() instanceof CheckConfig check
                    ? new Scheduled(entry.getKey(), check)
                    : new Scheduled(entry.getKey(), (ResourceConfig) entry.getValue());
            scheduled.put(entry.getKey(), probe);
            probe.timer = vertx.setTimer(firstDelay(probe.every), id -> run(probe));
            started++;
        }
        if (started > 0 || stopped > 0) {
            LOG.info(
                    "probes follow config generation {}: {} running ({} started, {} stopped)",
                    current,
                    scheduled.size(),
                    started,
                    stopped);
        }
    }

    /** Returns when a new probe first runs: at random within its first period, and within 10 seconds. */
    private long firstDelay(Duration every) {
        long spread = Math.min(every.toMillis(), LONGEST_FIRST_DELAY.toMillis());
        return 1 + random.nextLong(Math.max(1, spread));
    }

    private void run(Scheduled probe) {
        if (closed || scheduled.get(probe.key) != probe) {
            return;
        }
        probe.timer = vertx.setTimer(Math.max(1, probe.every.toMillis()), id -> run(probe));
        ProbeTarget target = targets.get(probe.key.connector());
        // A run cannot outlast its timeout, which is at most its period; this guards the tie.
        if (probe.running || target == null) {
            return;
        }
        probe.running = true;
        Instant time = clock.instant();
        ProbeCall.send(
                        vertx,
                        target.pipeline(),
                        probe.key.connector(),
                        probe.key.label(),
                        probe.request,
                        probe.timeout,
                        random,
                        nanoTime)
                .compose(answer -> vertx.executeBlocking(() -> judge(probe, time, answer), false))
                .onComplete(judged -> {
                    probe.running = false;
                    if (closed || scheduled.get(probe.key) != probe) {
                        return;
                    }
                    Object result = judged.succeeded()
                            ? judged.result()
                            : judge(
                                    probe,
                                    time,
                                    new ProbeAnswer.Failed("the gateway could not judge the answer: "
                                            + ProbeText.describe(judged.cause())));
                    try {
                        if (result instanceof CheckResult checkResult) {
                            recordCheck(probe, checkResult);
                        } else if (result instanceof Reading reading) {
                            recordResource(probe, reading);
                        }
                    } catch (RuntimeException e) {
                        LOG.error(
                                "probe {} of connector '{}' could not record its result",
                                probe.key.label(),
                                probe.key.connector(),
                                e);
                    }
                });
    }

    /**
     * A resource's reading with the threshold its value crossed.
     *
     * @param reading the reading as stored
     * @param threshold the crossed threshold for people, such as {@code warn below 100}; empty when none
     */
    private record Reading(ResourceReading reading, String threshold) {}

    /** Judges an answer: a {@link CheckResult} for a check, a {@link Reading} for a resource. Never throws. */
    private static Object judge(Scheduled probe, Instant time, ProbeAnswer answer) {
        String connector = probe.key.connector();
        String name = probe.key.name();
        if (probe.config instanceof CheckConfig check) {
            Verdict verdict;
            try {
                verdict = CheckEvaluator.evaluate(check.expect(), answer);
            } catch (RuntimeException e) {
                verdict = new Verdict(false, "the gateway could not judge the answer: " + ProbeText.describe(e));
            }
            ProbeAnswer.Received received = answer instanceof ProbeAnswer.Received r ? r : null;
            return new CheckResult(
                    connector,
                    name,
                    time,
                    verdict.ok(),
                    received == null ? null : received.status(),
                    received == null ? null : received.latency(),
                    verdict.message());
        }
        ResourceConfig resource = (ResourceConfig) probe.config;
        ValueExtraction.Extracted extracted;
        try {
            extracted = ValueExtraction.extract(resource.extraction(), probe.regex, answer);
        } catch (RuntimeException e) {
            extracted =
                    ValueExtraction.Extracted.failed("the gateway could not read the answer: " + ProbeText.describe(e));
        }
        Double value = extracted.value();
        if (value == null) {
            return new Reading(
                    new ResourceReading(connector, name, time, null, ResourceLevel.UNKNOWN, extracted.failure()), "");
        }
        ResourceJudgement judgement = ResourceJudgement.of(resource.thresholds(), value);
        return new Reading(
                new ResourceReading(connector, name, time, value, judgement.level(), judgement.describe(value)),
                judgement.threshold());
    }

    private void recordCheck(Scheduled probe, CheckResult result) {
        ProbeKey key = probe.key;
        CheckStatus before = checks.get(key);
        Instant failingBefore = before == null || !before.isFailing()
                ? null
                : Objects.requireNonNullElse(before.failingSince(), result.time());
        boolean wasFailing = failingBefore != null;
        Instant since = result.ok() ? null : failingBefore != null ? failingBefore : result.time();
        checks.put(key, new CheckStatus(key.connector(), (CheckConfig) probe.config, result, since));
        meters.checked(key, result);
        records.checked(result);
        String subject = "check '" + key.name() + "' of connector '" + key.connector() + "'";
        JsonObject details = new JsonObject()
                .put("check", key.name())
                .put("ok", result.ok())
                .put("status", result.status())
                .put("message", result.message());
        if (!result.ok() && !wasFailing) {
            records.event(
                    CHECK_FAILED, key.connector(), Severity.CRITICAL, subject + " fails: " + result.message(), details);
        } else if (result.ok() && failingBefore != null) {
            Instant failedAt = failingBefore;
            records.event(
                    CHECK_RECOVERED,
                    key.connector(),
                    Severity.INFO,
                    subject + " passes again (failing since " + ProbeText.time(failedAt, clock.getZone()) + ")",
                    details.put("failingSince", failedAt.toString()));
        }
    }

    private void recordResource(Scheduled probe, Reading judged) {
        ProbeKey key = probe.key;
        ResourceReading reading = judged.reading();
        ResourceStatus before = resources.get(key);
        ResourceLevel was = before == null ? null : before.lastKnownLevel();
        ResourceLevel level = reading.level();
        ResourceLevel known = level == ResourceLevel.UNKNOWN ? was : level;
        resources.put(
                key,
                new ResourceStatus(key.connector(), (ResourceConfig) probe.config, reading, judged.threshold(), known));
        meters.read(key, reading);
        records.read(reading);
        String subject = "resource '" + key.name() + "' of connector '" + key.connector() + "'";
        if (level == ResourceLevel.UNKNOWN) {
            ResourceReading previous = before == null ? null : before.latest();
            if (previous == null || previous.level() != ResourceLevel.UNKNOWN) {
                LOG.warn("{} unreadable: {}", subject, reading.message());
            }
            return;
        }
        ResourceLevel from = was == null ? ResourceLevel.OK : was;
        if (level == from) {
            return;
        }
        Double value = Objects.requireNonNull(reading.value(), "a reading with a level has a value");
        String message = level == ResourceLevel.OK
                ? subject + " back to ok at " + ProbeText.number(value) + " (was " + from.wireName() + ")"
                : subject + " at " + ProbeText.number(value) + " (" + judged.threshold() + "; was " + from.wireName()
                        + ")";
        Severity severity = switch (level) {
            case CRITICAL -> Severity.CRITICAL;
            case WARN -> Severity.WARNING;
            default -> Severity.INFO;
        };
        records.event(
                Event.THRESHOLD_CROSSED,
                key.connector(),
                severity,
                message,
                new JsonObject()
                        .put("resource", key.name())
                        .put("value", value)
                        .put("level", level.wireName())
                        .put("previousLevel", from.wireName())
                        .put("threshold", judged.threshold()));
    }
}
