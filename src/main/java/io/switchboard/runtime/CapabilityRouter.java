package io.switchboard.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.config.CapabilityConfig;
import io.switchboard.config.RetryConfig;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.LampStatus;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.switchboard.policy.circuitbreaker.CircuitBreakerPolicy;
import io.switchboard.policy.circuitbreaker.CircuitState;
import io.switchboard.policy.concurrency.ConcurrencyPolicy;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.policy.ratelimit.RateLimitPolicy;
import io.switchboard.policy.retry.RetryPolicy;
import io.switchboard.policy.schedule.SchedulePolicy;
import io.switchboard.policy.schedule.ScheduleStatus;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sends a call addressed to a capability ({@code /~sms/...}) to a provider that is usable now, and moves it to the next
 * provider when the chosen one fails in a way that allows it. The failover loop sits above the pipelines: each provider
 * is tried through its own connector's whole pipeline, so its switch, schedule, limits, retries and breaker all apply.
 *
 * <p>A provider is usable when it is switched on, open by schedule, its circuit breaker is not open, its lamp is not red,
 * it has a token left in its rate limit and a free place under its concurrency limit; these are peeked, nothing is
 * consumed. A call moves on at once when a provider refused it before any byte reached it (switched off, closed, rate
 * limited, overloaded, circuit open, connect failure or connect timeout); after bytes reached a provider, only an
 * idempotent call with a body that can be sent again moves, and only on the failures and statuses of the capability's
 * {@code failover-on}.
 *
 * <p>The capability's chosen provider (the first usable one, or under weights the usable one of the greatest weight) is
 * watched: each change is a {@code provider-changed} event.
 */
public final class CapabilityRouter {
    /** Refusals that come before any byte of the call left the gateway, so the next provider may take it at once. */
    private static final Set<ErrorKind> REFUSED_BEFORE_SENDING = EnumSet.of(
            ErrorKind.SWITCHED_OFF,
            ErrorKind.CLOSED,
            ErrorKind.RATE_LIMITED,
            ErrorKind.OVERLOADED,
            ErrorKind.CIRCUIT_OPEN);

    private static final int BUFFER_LIMIT = RetryConfig.DEFAULT.bufferLimit().toIntCapped();

    private final LiveRuntime runtime;
    private final Switches switches;
    private final Function<String, LampStatus> lamps;
    private final EventRecorder events;
    private final MeterRegistry registry;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** What the router remembers of one capability: its last chosen provider and its weighted round-robin. */
    private static final class State {
        private boolean known;
        private @Nullable String chosen;
        private final Map<String, Long> current = new HashMap<>();
    }

    /**
     * Creates the router.
     *
     * @param runtime the snapshot in force, read at each call
     * @param switches every connector's switch
     * @param lamps each connector's lamp as last evaluated
     * @param events where provider changes are recorded
     * @param registry where the capability counters go
     */
    public CapabilityRouter(
            LiveRuntime runtime,
            Switches switches,
            Function<String, LampStatus> lamps,
            EventRecorder events,
            MeterRegistry registry) {
        this.runtime = runtime;
        this.switches = switches;
        this.lamps = lamps;
        this.events = events;
        this.registry = registry;
    }

    /**
     * One provider of a capability as it stands now.
     *
     * @param connector the connector id
     * @param weight its weight under {@code strategy: weighted}, or null under failover
     * @param usable whether a call could go to it now
     * @param reason why it is not usable, or null when it is
     * @param refusal the error kind a call to it would meet, or null when it is usable
     * @param lamp its lamp
     */
    public record Provider(
            String connector,
            @Nullable Integer weight,
            boolean usable,
            @Nullable String reason,
            @Nullable ErrorKind refusal,
            Lamp lamp) {}

    /**
     * A capability as it stands now.
     *
     * @param config the capability
     * @param lamp green while its preferred provider (every provider, under weights) is usable, yellow while only
     *     others are, red when none is (grey when every provider is only switched off or closed by schedule)
     * @param chosen the provider calls go to now (under weights the usable one of the greatest weight), or null
     * @param reason why this one, or why none
     * @param providers each provider in the written order
     */
    public record Status(
            CapabilityConfig config, Lamp lamp, @Nullable String chosen, String reason, List<Provider> providers) {}

    /**
     * The providers one call may go to, in the order they are tried.
     *
     * @param status the capability when the call came
     * @param order the usable providers, first choice first
     */
    public record Plan(Status status, List<ConnectorRuntime> order) {
        /** Returns whether no provider is usable. */
        public boolean isEmpty() {
            return order.isEmpty();
        }

        /** Returns the longest call timeout among the providers, the time the whole call may take with failovers. */
        public long callTimeoutMillis() {
            return order.stream()
                    .mapToLong(c -> c.config().upstream().callTimeout().toMillis())
                    .max()
                    .orElse(1);
        }
    }

    /** What a call does when it moves from one provider to the next; the proxy handler implements it. */
    public interface Mover {
        /**
         * Ends the call on the provider it leaves and returns a fresh exchange for {@code next}.
         *
         * @param next the provider the call moves to
         * @param failed the outcome of the provider it leaves
         * @param body the request body to send to {@code next}
         */
        Exchange moveTo(ConnectorRuntime next, Outcome failed, RequestBody body);

        /** Returns whether the caller has gone or been answered already, so no further provider should be tried. */
        boolean abandoned();
    }

    /** Returns every capability in force as it stands now, in config order. */
    public List<Status> statuses() {
        RuntimeSnapshot snapshot = runtime.current();
        List<Status> all = new ArrayList<>();
        for (CapabilityConfig config : snapshot.config().capabilities().values()) {
            all.add(status(snapshot, config));
        }
        return all;
    }

    /** Returns the capability as it stands now, or null when there is none of this id. */
    public @Nullable Status status(String id) {
        RuntimeSnapshot snapshot = runtime.current();
        CapabilityConfig config = snapshot.config().capabilities().get(id);
        return config == null ? null : status(snapshot, config);
    }

    /** Works out each capability's status once, so provider changes are recorded even while no call comes. */
    public void evaluateAll() {
        statuses();
    }

    /** Returns the providers a call to the capability may go to now, or null when there is no such capability. */
    public @Nullable Plan plan(RuntimeSnapshot snapshot, String id) {
        CapabilityConfig config = snapshot.config().capabilities().get(id);
        if (config == null) {
            return null;
        }
        Status status = status(snapshot, config);
        List<ConnectorRuntime> usable = new ArrayList<>();
        for (Provider provider : status.providers()) {
            ConnectorRuntime connector = snapshot.connector(provider.connector());
            if (provider.usable() && connector != null) {
                usable.add(connector);
            }
        }
        if (config.strategy() == CapabilityConfig.Strategy.WEIGHTED && usable.size() > 1) {
            ConnectorRuntime first = pickByWeight(config, usable);
            List<ConnectorRuntime> rest = new ArrayList<>(usable);
            rest.remove(first);
            // Failover after the weighted pick: the heavier providers first, the written order among equals.
            rest.sort(Comparator.comparingInt((ConnectorRuntime c) -> config.weight(c.id()))
                    .reversed());
            usable = new ArrayList<>();
            usable.add(first);
            usable.addAll(rest);
        }
        return new Plan(status, List.copyOf(usable));
    }

    /**
     * Returns the answer to a call no provider can take: 503 {@code no-provider} with every provider's reason.
     *
     * @param status the capability when the call came
     * @param tried the providers the call went to and why each failed, which replace the reasons peeked before
     */
    public static Problem noProvider(Status status, Map<String, String> tried) {
        JsonArray providers = new JsonArray();
        for (Provider provider : status.providers()) {
            String reason = tried.getOrDefault(provider.connector(), provider.reason());
            providers.add(new JsonObject()
                    .put("connector", provider.connector())
                    .put("reason", reason == null ? "usable, but not tried" : reason));
        }
        String id = status.config().id();
        String detail = tried.isEmpty()
                ? "no provider of capability '" + id + "' is usable now: " + summary(status.providers(), tried)
                : "every usable provider of capability '" + id + "' failed: " + summary(status.providers(), tried);
        return Problem.of(ErrorKind.NO_PROVIDER, detail).with("capability", id).with("providers", providers);
    }

    private static String summary(List<Provider> providers, Map<String, String> tried) {
        List<String> parts = new ArrayList<>();
        for (Provider provider : providers) {
            String reason = tried.getOrDefault(provider.connector(), provider.reason());
            parts.add(provider.connector() + " " + (reason == null ? "not tried" : reason));
        }
        return String.join("; ", parts);
    }

    /**
     * Runs the call through the plan's providers until one answers in a way that ends it.
     *
     * @param plan the usable providers, first choice first (not empty)
     * @param first the exchange made for the first provider
     * @param mover what moves the call to the next provider
     * @return the outcome to relay; the exchange it belongs to is the last one {@code mover} made
     */
    public Future<Outcome> route(Plan plan, Exchange first, Mover mover) {
        CapabilityConfig config = plan.status().config();
        first.capability(config.id());
        if (first.body() instanceof RequestBody.Streamed streamed && shouldBuffer(config, first, streamed)) {
            return RetryPolicy.buffer(streamed).compose(buffered -> {
                first.body(buffered);
                return attempt(plan, 0, first, buffered, mover, new LinkedHashMap<>());
            });
        }
        return attempt(plan, 0, first, first.body(), mover, new LinkedHashMap<>());
    }

    private Future<Outcome> attempt(
            Plan plan, int index, Exchange exchange, RequestBody original, Mover mover, Map<String, String> tried) {
        ConnectorRuntime provider = plan.order().get(index);
        CapabilityConfig config = plan.status().config();
        return provider.pipeline().handle(exchange).compose(outcome -> {
            if (mover.abandoned()
                    || index + 1 >= plan.order().size()
                    || !mayMove(config, exchange, outcome, original)) {
                if (outcome instanceof Outcome.Rejection
                        && !tried.isEmpty()
                        && index + 1 >= plan.order().size()
                        && movesOn(config, exchange, outcome)) {
                    // Every provider was tried and the last refused too: the caller hears about all of them.
                    tried.put(provider.id(), describe(outcome));
                    return Future.succeededFuture(
                            new Outcome.Rejection(noProvider(plan.status(), tried), "capability"));
                }
                count(config.id(), provider.id());
                return Future.succeededFuture(outcome);
            }
            tried.put(provider.id(), describe(outcome));
            ConnectorRuntime next = plan.order().get(index + 1);
            if (outcome instanceof Outcome.Upstream upstream) {
                // Read and drop the answer the caller will not get, so its connection goes back to the pool.
                upstream.discard();
            }
            Counter.builder("switchboard_capability_failovers")
                    .description("Calls that moved from one provider of a capability to the next")
                    .tag("capability", config.id())
                    .tag("from", provider.id())
                    .tag("to", next.id())
                    .register(registry)
                    .increment();
            Exchange moved = mover.moveTo(next, outcome, original);
            moved.capability(config.id());
            return attempt(plan, index + 1, moved, original, mover, tried);
        });
    }

    private void count(String capability, String connector) {
        Counter.builder("switchboard_capability_requests")
                .description("Calls to a capability, by the provider that answered them")
                .tag("capability", capability)
                .tag("connector", connector)
                .register(registry)
                .increment();
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Upstream upstream -> "answered " + upstream.status();
            case Outcome.Rejection rejection ->
                rejection.problem().kind().code() + ": " + rejection.problem().detail();
        };
    }

    /** Returns whether the outcome is one the capability moves on from, ignoring whether the body can be resent. */
    private static boolean movesOn(CapabilityConfig config, Exchange exchange, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Rejection rejection -> {
                Problem problem = rejection.problem();
                UpstreamFailure failure = problem.failure();
                if (failure == null) {
                    yield REFUSED_BEFORE_SENDING.contains(problem.kind());
                }
                if (!failure.reachedUpstream()) {
                    yield true;
                }
                yield exchange.isIdempotent() && config.failoverOnFailures().contains(failure.code());
            }
            case Outcome.Upstream upstream ->
                exchange.isIdempotent() && config.failoverOnStatuses().contains(upstream.status());
        };
    }

    /** Returns whether the call may move on: an outcome that allows it and a body the next provider can be sent. */
    private static boolean mayMove(CapabilityConfig config, Exchange exchange, Outcome outcome, RequestBody original) {
        if (!movesOn(config, exchange, outcome)) {
            return false;
        }
        return !(original instanceof RequestBody.Streamed streamed) || !streamed.isTaken();
    }

    /**
     * Returns whether to read a streamed body into memory before the first provider: only when a failover after the
     * body reached a provider is possible at all, and it fits the retry buffer limit (as the retry policy does).
     */
    private static boolean shouldBuffer(CapabilityConfig config, Exchange exchange, RequestBody.Streamed streamed) {
        boolean lateFailover = !config.failoverOnStatuses().isEmpty()
                || config.failoverOnFailures().stream()
                        .anyMatch(code -> code.equals("timeout") || code.equals("reset"));
        return lateFailover
                && exchange.isIdempotent()
                && !streamed.isTaken()
                && streamed.length() >= 0
                && streamed.length() <= BUFFER_LIMIT;
    }

    private ConnectorRuntime pickByWeight(CapabilityConfig config, List<ConnectorRuntime> usable) {
        State state = states.computeIfAbsent(config.id(), id -> new State());
        // Smooth weighted round-robin (as nginx does): each pick adds every weight to its provider's score, takes the
        // highest, and takes the total off it; 3:1 gives a a b a, evenly spread and exact over each round.
        synchronized (state) {
            long total = 0;
            ConnectorRuntime best = usable.get(0);
            long bestScore = Long.MIN_VALUE;
            for (ConnectorRuntime connector : usable) {
                int weight = config.weight(connector.id());
                total += weight;
                long score = state.current.merge(connector.id(), (long) weight, Long::sum);
                if (score > bestScore) {
                    bestScore = score;
                    best = connector;
                }
            }
            state.current.merge(best.id(), -total, Long::sum);
            return best;
        }
    }

    private Status status(RuntimeSnapshot snapshot, CapabilityConfig config) {
        boolean weighted = config.strategy() == CapabilityConfig.Strategy.WEIGHTED;
        List<Provider> providers = new ArrayList<>(config.providers().size());
        for (String id : config.providers()) {
            providers.add(peek(snapshot, id, weighted ? config.weight(id) : null));
        }
        Provider chosen = null;
        for (Provider provider : providers) {
            if (provider.usable()
                    && (chosen == null
                            || (weighted
                                    && Objects.requireNonNull(provider.weight())
                                            > Objects.requireNonNull(chosen.weight())))) {
                chosen = provider;
            }
        }
        Lamp lamp;
        String reason;
        if (chosen == null) {
            boolean planned = providers.stream()
                    .allMatch(p -> p.refusal() == ErrorKind.SWITCHED_OFF || p.refusal() == ErrorKind.CLOSED);
            lamp = planned ? Lamp.GREY : Lamp.RED;
            reason = "no provider is usable: " + summary(providers, Map.of());
        } else {
            List<String> down = providers.stream()
                    .filter(p -> !p.usable())
                    .map(p -> p.connector() + " " + p.reason())
                    .toList();
            boolean preferredUsable = weighted ? down.isEmpty() : chosen.equals(providers.get(0));
            lamp = preferredUsable ? Lamp.GREEN : Lamp.YELLOW;
            String why = weighted
                    ? chosen.connector() + " is the usable provider of the greatest weight; calls are shared by weight"
                            + " among the usable ones"
                    : chosen.connector() + " is the first usable provider";
            reason = down.isEmpty() ? why : why + " (not usable: " + String.join("; ", down) + ")";
        }
        Status status = new Status(config, lamp, chosen == null ? null : chosen.connector(), reason, providers);
        noteChosen(status);
        return status;
    }

    private Provider peek(RuntimeSnapshot snapshot, String id, @Nullable Integer weight) {
        LampStatus lampStatus = lamps.apply(id);
        Lamp lamp = lampStatus.lamp();
        ConnectorRuntime connector = snapshot.connector(id);
        if (connector == null) {
            return new Provider(id, weight, false, "not in the config in force", ErrorKind.UNKNOWN_CONNECTOR, lamp);
        }
        SwitchPosition position = switches.switchFor(id).position();
        if (!position.on()) {
            String by = position.changedBy();
            return unusable(
                    id,
                    weight,
                    lamp,
                    ErrorKind.SWITCHED_OFF,
                    "switched off" + (by == null ? "" : " by " + by)
                            + (position.reason().isEmpty() ? "" : ": " + position.reason()));
        }
        var schedule = connector.policy(SchedulePolicy.class);
        if (schedule.isPresent()) {
            ScheduleStatus open = schedule.get().status();
            if (!open.open()) {
                return unusable(id, weight, lamp, ErrorKind.CLOSED, "closed by schedule: " + open.reason());
            }
        }
        var breaker = connector.policy(CircuitBreakerPolicy.class);
        if (breaker.isPresent()) {
            CircuitState state = breaker.get().state();
            if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) {
                return unusable(id, weight, lamp, ErrorKind.CIRCUIT_OPEN, "circuit breaker " + state.code());
            }
        }
        if (lamp == Lamp.RED) {
            LampReason top = lampStatus.topReason();
            return unusable(id, weight, lamp, null, "lamp red" + (top == null ? "" : ": " + top.text()));
        }
        var rate = connector.policy(RateLimitPolicy.class);
        if (rate.isPresent() && rate.get().availableTokens() == 0) {
            return unusable(
                    id,
                    weight,
                    lamp,
                    ErrorKind.RATE_LIMITED,
                    "over its rate limit of " + rate.get().rate());
        }
        var concurrency = connector.policy(ConcurrencyPolicy.class);
        if (concurrency.isPresent()
                && concurrency.get().inFlight() >= concurrency.get().limit()) {
            return unusable(
                    id,
                    weight,
                    lamp,
                    ErrorKind.OVERLOADED,
                    "at its concurrency limit of " + concurrency.get().limit());
        }
        return new Provider(id, weight, true, null, null, lamp);
    }

    private static Provider unusable(
            String id, @Nullable Integer weight, Lamp lamp, @Nullable ErrorKind refusal, String reason) {
        return new Provider(id, weight, false, reason, refusal, lamp);
    }

    /** Records a {@code provider-changed} event when the capability's chosen provider is not the one seen last. */
    private void noteChosen(Status status) {
        String id = status.config().id();
        State state = states.computeIfAbsent(id, key -> new State());
        String was;
        synchronized (state) {
            if (state.known && Objects.equals(state.chosen, status.chosen())) {
                return;
            }
            boolean first = !state.known;
            was = state.chosen;
            state.known = true;
            state.chosen = status.chosen();
            // The first look at a capability whose preferred provider is usable is no change worth an event.
            if (first && status.lamp() == Lamp.GREEN) {
                return;
            }
        }
        String now = status.chosen();
        String message = now == null
                ? "capability '" + id + "' has no usable provider" + (was == null ? "" : " (was " + was + ")") + ": "
                        + status.reason()
                : "capability '" + id + "' now sends calls to " + now + (was == null ? "" : " (was " + was + ")") + ": "
                        + status.reason();
        JsonArray providers = new JsonArray();
        for (Provider provider : status.providers()) {
            providers.add(new JsonObject()
                    .put("connector", provider.connector())
                    .put("usable", provider.usable())
                    .put("reason", provider.reason()));
        }
        events.record(
                Event.PROVIDER_CHANGED,
                now,
                now == null ? Severity.CRITICAL : status.lamp() == Lamp.GREEN ? Severity.INFO : Severity.WARNING,
                message,
                null,
                new JsonObject()
                        .put("capability", id)
                        .put("chosen", now)
                        .put("was", was)
                        .put("lamp", status.lamp().code())
                        .put("providers", providers));
    }
}
