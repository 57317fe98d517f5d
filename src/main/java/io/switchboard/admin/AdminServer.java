package io.switchboard.admin;

import io.switchboard.config.HostPort;
import io.switchboard.config.Role;
import io.switchboard.config.TokenConfig;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampStatus;
import io.switchboard.journal.Journal;
import io.switchboard.journal.JournalCounts;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.ProblemResponse;
import io.switchboard.probe.ProbeScheduler;
import io.switchboard.runtime.ConfigControl;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.GatewayMetrics;
import io.switchboard.runtime.LampWatch;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.RuntimeSnapshot;
import io.switchboard.runtime.StoreLink;
import io.switchboard.runtime.SwitchSync;
import io.switchboard.runtime.Switches;
import io.switchboard.store.EventQuery;
import io.switchboard.ui.Dashboard;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener: {@code /api/v1} behind bearer tokens, {@code /metrics} and {@code /health/*} open for
 * Prometheus and orchestrators (bind the listener to a private interface).
 */
public final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final String TOKEN_KEY = "switchboard.token";

    private final Vertx vertx;
    private final LiveRuntime runtime;
    private final GatewayMetrics metrics;
    private final ConfigControl config;
    private final BooleanSupplier proxyReady;
    private final SwitchSync switches;
    private final StoreLink store;
    private final LampWatch lamps;
    private final ProbeScheduler probes;
    private @org.jspecify.annotations.Nullable Journal journal;
    private @org.jspecify.annotations.Nullable HttpServer server;
    private io.switchboard.runtime.@org.jspecify.annotations.Nullable CapabilityRouter capabilities;

    /**
     * Creates the admin listener.
     *
     * @param probes the checks and resource probes, whose latest results the connector detail shows
     * @param proxyReady whether the proxy listener is bound and not draining, for {@code /health/ready}
     */
    public AdminServer(
            Vertx vertx,
            LiveRuntime runtime,
            GatewayMetrics metrics,
            ConfigControl config,
            SwitchSync switches,
            StoreLink store,
            LampWatch lamps,
            ProbeScheduler probes,
            BooleanSupplier proxyReady) {
        this.lamps = lamps;
        this.probes = probes;
        this.vertx = vertx;
        this.switches = switches;
        this.store = store;
        this.runtime = runtime;
        this.metrics = metrics;
        this.config = config;
        this.proxyReady = proxyReady;
    }

    /** Serves {@code /api/v1/capabilities} from this router; call before {@link #start}. */
    public AdminServer withCapabilities(io.switchboard.runtime.CapabilityRouter router) {
        this.capabilities = router;
        return this;
    }

    /** Adds the journal: its routes ({@link ExchangeRoutes}) and its counters on {@code /health/ready}. */
    public AdminServer withJournal(Journal exchanges) {
        this.journal = exchanges;
        return this;
    }

    /** Binds the listener; completes with the bound port. */
    public Future<Integer> start(HostPort listen) {
        return vertx.createHttpServer(
                        new HttpServerOptions().setHost(listen.host()).setPort(listen.port()))
                .requestHandler(router())
                .listen()
                .map(bound -> {
                    server = bound;
                    LOG.info("admin listening on {}:{}", listen.host(), bound.actualPort());
                    return bound.actualPort();
                });
    }

    /** Closes the listener. */
    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.scrape()));
        router.route("/api/v1/*").handler(this::authenticate);
        router.get("/api/v1/connectors").handler(role(Role.VIEWER)).handler(this::connectors);
        router.get("/api/v1/connectors/:id").handler(role(Role.VIEWER)).handler(this::connector);
        router.post("/api/v1/connectors/:id/switch")
                // vertx-web wants the body handler first on a route; it reads at most 16 KiB before the role check.
                .handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(role(Role.OPERATOR))
                .handler(this::flip);
        router.get("/api/v1/connectors/:id/checks/:name/history")
                .handler(role(Role.VIEWER))
                .handler(ctx -> ProbeHistory.checks(ctx, vertx, runtime, store));
        router.get("/api/v1/connectors/:id/resources/:name/history")
                .handler(role(Role.VIEWER))
                .handler(ctx -> ProbeHistory.resources(ctx, vertx, runtime, store));
        router.get("/api/v1/events").handler(role(Role.VIEWER)).handler(this::events);
        if (capabilities != null) {
            CapabilityRoutes.mount(router, capabilities, role(Role.VIEWER));
        }
        if (journal != null) {
            new ExchangeRoutes(vertx, runtime, store).mount(router);
        }
        router.post("/api/v1/config/validate").handler(role(Role.ADMIN)).handler(this::validate);
        router.post("/api/v1/config/reload").handler(role(Role.ADMIN)).handler(this::reload);
        router.get("/api/v1/session").handler(ctx -> SessionRoute.handle(ctx, tokenOf(ctx)));
        Dashboard.mount(router);
        router.route()
                .last()
                .handler(ctx -> problem(
                        ctx,
                        Problem.of(
                                ErrorKind.NOT_FOUND,
                                "no admin resource at " + ctx.request().path())));
        router.errorHandler(500, ctx -> {
            LOG.error("admin request {} failed", ctx.request().path(), ctx.failure());
            problem(ctx, Problem.of(ErrorKind.INTERNAL, "the admin request failed; see the gateway's log"));
        });
        return router;
    }

    private void ready(RoutingContext ctx) {
        boolean configured = runtime.isReady();
        boolean listening = proxyReady.getAsBoolean();
        JsonObject body = new JsonObject()
                .put("status", configured && listening ? "ready" : "not-ready")
                .put("config", configured ? "loaded" : "missing")
                .put("proxy", listening ? "listening" : "not-listening");
        if (configured) {
            body.put("generation", runtime.current().generation());
        }
        // A store outage is reported but keeps the gateway ready: proxying never depends on the store.
        String storeProblem = store.problem();
        body.put("store", storeProblem == null ? "available" : "unavailable: " + storeProblem);
        body.put("storePendingWrites", store.pendingWrites());
        body.put("storeDroppedWrites", store.droppedWrites());
        Journal exchanges = journal;
        if (exchanges != null) {
            JournalCounts counts = exchanges.counts();
            body.put(
                    "journal",
                    new JsonObject()
                            .put("queued", counts.queued())
                            .put("written", counts.written())
                            .put("droppedBodies", counts.droppedBodies())
                            .put("droppedRecords", counts.droppedRecords()));
        }
        json(ctx, configured && listening ? 200 : 503, body);
    }

    private void authenticate(RoutingContext ctx) {
        Optional<TokenConfig> token = TokenAuthenticator.authenticate(
                ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
                runtime.current().config().gateway().tokens());
        if (token.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            problem(ctx, Problem.of(ErrorKind.UNAUTHORIZED, "send an admin token as 'Authorization: Bearer <secret>'"));
            return;
        }
        ctx.put(TOKEN_KEY, token.get());
        ctx.next();
    }

    private static Handler<RoutingContext> role(Role required) {
        return ctx -> {
            TokenConfig token = tokenOf(ctx);
            if (!token.role().includes(required)) {
                problem(
                        ctx,
                        Problem.of(
                                ErrorKind.FORBIDDEN,
                                "token '" + token.name() + "' has role "
                                        + token.role().code() + "; this needs " + required.code()));
                return;
            }
            ctx.next();
        };
    }

    private void connectors(RoutingContext ctx) {
        RuntimeSnapshot snapshot = runtime.current();
        JsonArray items = new JsonArray();
        EnumMap<Lamp, Integer> counts = new EnumMap<>(Lamp.class);
        for (Lamp lamp : Lamp.values()) {
            counts.put(lamp, 0);
        }
        for (ConnectorRuntime connector : snapshot.connectors().values()) {
            LampStatus lamp = lamps.status(connector.id());
            counts.merge(lamp.lamp(), 1, Integer::sum);
            items.add(ConnectorView.summary(connector, lamp));
        }
        JsonObject lampCounts = new JsonObject();
        counts.forEach((lamp, count) -> lampCounts.put(lamp.code(), count));
        json(
                ctx,
                200,
                new JsonObject()
                        .put("generation", snapshot.generation())
                        .put("lamps", lampCounts)
                        .put("connectors", items));
    }

    private void connector(RoutingContext ctx) {
        String id = java.util.Objects.requireNonNullElse(ctx.pathParam("id"), "");
        ConnectorRuntime connector = runtime.current().connector(id);
        if (connector == null) {
            problem(ctx, Problem.of(ErrorKind.NOT_FOUND, "no connector is named '" + id + "'"));
            return;
        }
        json(
                ctx,
                200,
                ConnectorView.detail(connector, lamps.status(id))
                        .put("checks", ConnectorView.checks(probes.checks(id)))
                        .put("resources", ConnectorView.resources(probes.resources(id))));
    }

    /** Switches a connector on or off: {@code {"on": false, "reason": "provider asked us to stop"}}. */
    private void flip(RoutingContext ctx) {
        String id = java.util.Objects.requireNonNullElse(ctx.pathParam("id"), "");
        if (runtime.current().connector(id) == null) {
            problem(ctx, Problem.of(ErrorKind.NOT_FOUND, "no connector is named '" + id + "'"));
            return;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        Object on = body == null ? null : body.getValue("on");
        Object reason = body == null ? null : body.getValue("reason", "");
        if (!(on instanceof Boolean switchOn) || !(reason instanceof String reasonText)) {
            problem(
                    ctx,
                    Problem.of(
                            ErrorKind.BAD_REQUEST,
                            "send a JSON object such as {\"on\": false, \"reason\": \"provider outage\"}"));
            return;
        }
        if (!switchOn && reasonText.isBlank()) {
            problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, "switching a connector off needs a reason"));
            return;
        }
        if (reasonText.length() > 500) {
            problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, "the reason is longer than 500 characters"));
            return;
        }
        TokenConfig token = tokenOf(ctx);
        Switches.SwitchChange change = switches.flip(id, switchOn, reasonText.strip(), token.name());
        json(
                ctx,
                200,
                ConnectorView.switchJson(change.after())
                        .put("connector", id)
                        .put("changed", change.before().on() != change.after().on()));
    }

    /** Lists events newest first: {@code ?connector=&since=&until=&kind=&limit=&before=}. */
    private void events(RoutingContext ctx) {
        EventQuery query;
        try {
            query = EventQueries.from(ctx.request().params());
        } catch (IllegalArgumentException e) {
            problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, String.valueOf(e.getMessage())));
            return;
        }
        vertx.executeBlocking(() -> store.read(target -> target.events().list(query)))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        json(ctx, 200, EventQueries.toJson(done.result()));
                    } else {
                        problem(
                                ctx,
                                Problem.of(
                                        ErrorKind.STORE_UNAVAILABLE,
                                        "events cannot be read while the store is unavailable: "
                                                + done.cause().getMessage()));
                    }
                });
    }

    private void validate(RoutingContext ctx) {
        vertx.executeBlocking(config::validate).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            json(ctx, 200, checkJson(done.result()));
        });
    }

    private void reload(RoutingContext ctx) {
        TokenConfig token = tokenOf(ctx);
        vertx.executeBlocking(() -> config.reload(token.name())).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ConfigControl.ConfigCheck check = done.result();
            if (check.valid()) {
                json(ctx, 200, checkJson(check));
            } else {
                Problem problem = Problem.of(
                                ErrorKind.INVALID_CONFIG,
                                "the config files have " + check.problems().size()
                                        + " problems; the running config (generation " + check.generation()
                                        + ") stays in force")
                        .with("problems", new JsonArray(check.problems()));
                problem(ctx, problem);
            }
        });
    }

    private static JsonObject checkJson(ConfigControl.ConfigCheck check) {
        return new JsonObject()
                .put("valid", check.valid())
                .put("applied", check.applied())
                .put("generation", check.generation())
                .put("problems", new JsonArray(check.problems()));
    }

    /** Returns the token {@link #authenticate} put on the context; every /api/v1 route runs after it. */
    private static TokenConfig tokenOf(RoutingContext ctx) {
        TokenConfig token = ctx.get(TOKEN_KEY);
        if (token == null) {
            throw new IllegalStateException("admin route ran without authentication");
        }
        return token;
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.toBuffer());
    }

    static void problem(RoutingContext ctx, Problem problem) {
        ProblemResponse.send(ctx.response(), problem, null, null);
    }
}
