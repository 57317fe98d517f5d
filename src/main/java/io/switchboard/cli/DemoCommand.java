package io.switchboard.cli;

import io.switchboard.boot.FileConfigControl;
import io.switchboard.boot.Gateway;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.demo.CourierZones;
import io.switchboard.demo.DemoConfig;
import io.switchboard.demo.DemoProviders;
import io.switchboard.demo.DemoSecrets;
import io.switchboard.demo.DemoSettings;
import io.switchboard.demo.DemoTraffic;
import io.switchboard.demo.Traffic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code switchboard demo}: the gateway with simulated providers and gentle traffic on loopback, ready to click. */
@CommandLine.Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the gateway with simulated providers (two couriers, two SMS accounts, a card acquirer, a flaky data"
                    + " feed) and callers driving a gentle load, all on loopback.",
            "Prints the dashboard URL and one-time tokens; Ctrl-C stops it."
        })
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    @CommandLine.Option(names = "--port", paramLabel = "PORT", description = "Proxy port (default 8080; 0: any free).")
    int port = 8080;

    @CommandLine.Option(
            names = "--admin-port",
            paramLabel = "PORT",
            description = "Admin port: API and dashboard (default 8081; 0: any free).")
    int adminPort = 8081;

    @CommandLine.Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Keep the demo's config and SQLite store in DIR (default: a fresh temporary directory,"
                    + " deleted when the demo stops).")
    @Nullable
    Path data;

    @CommandLine.Option(
            names = "--traffic",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Drive a gentle load from the callers shop, billing and notifier (default: on;"
                    + " --no-traffic for a quiet gateway).")
    boolean traffic = true;

    @CommandLine.Option(
            names = "--speed",
            paramLabel = "N",
            description = "Make things happen N times sooner (1 to 100, default 1): SMS balances, balance probes,"
                    + " the data feed's cycle.")
    int speed = 1;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before call().
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (speed < 1 || speed > DemoSettings.MAX_SPEED) {
            err.println("switchboard demo: --speed must be from 1 to " + DemoSettings.MAX_SPEED);
            return 2;
        }
        DemoSettings settings = DemoSettings.at(speed);
        DemoSecrets secrets = DemoSecrets.random(new SecureRandom());
        Clock clock = Clock.systemUTC();
        RandomGenerator random = RandomGenerator.getDefault();
        Path directory = data != null ? Files.createDirectories(data) : Files.createTempDirectory("switchboard-demo");
        boolean temporary = data == null;
        // The providers and the traffic share one event loop of their own: the gateway's loops serve only the gateway.
        Vertx demo = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        DemoProviders providers =
                DemoProviders.start(demo, clock, random, settings, secrets).await();
        CourierZones zones = CourierZones.choose(clock.instant());
        Path config = directory.resolve("switchboard.yaml");
        Files.writeString(
                config,
                new DemoConfig(
                                port,
                                adminPort,
                                directory.resolve("switchboard.db").toString(),
                                zones,
                                settings,
                                providers.endpoints())
                        .yaml());
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(secrets.environment());
        Runnable cleanUp = () -> {
            awaitBriefly(providers.stop().eventually(demo::close), "stopping the simulated providers");
            if (temporary) {
                delete(directory);
            }
        };
        LoadResult loaded = ConfigLoader.load(config, environment);
        if (!(loaded instanceof LoadResult.Valid valid)) {
            loaded.problems().forEach(err::println);
            cleanUp.run();
            return 1;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(
                            valid.config(),
                            Runtime.getRuntime().availableProcessors(),
                            clock,
                            (runtime, metrics, events) ->
                                    new FileConfigControl(config, environment, runtime, metrics, events).watching())
                    .await();
        } catch (RuntimeException e) {
            err.println("switchboard demo: could not start (is port " + port + " or " + adminPort
                    + " taken? try --port/--admin-port): " + e.getMessage());
            cleanUp.run();
            return 1;
        }
        Traffic load = traffic
                ? Traffic.start(
                        demo,
                        gateway.proxyPort(),
                        DemoTraffic.routes(),
                        random,
                        Map.of("billing", secrets.billingKey()))
                : null;
        printTour(out, gateway, secrets, config, temporary, zones, providers, settings, load != null, clock);
        return Serving.untilStopped(
                gateway,
                config,
                out,
                () -> {
                    if (load != null) {
                        awaitBriefly(load.stop(), "stopping the demo traffic");
                        LOG.info("demo traffic stopped after {} calls: {}", load.total(), load.answers());
                    }
                },
                cleanUp);
    }

    private static void printTour(
            PrintWriter out,
            Gateway gateway,
            DemoSecrets secrets,
            Path config,
            boolean temporary,
            CourierZones zones,
            DemoProviders providers,
            DemoSettings settings,
            boolean traffic,
            Clock clock) {
        String proxy = "http://127.0.0.1:" + gateway.proxyPort();
        String admin = "http://127.0.0.1:" + gateway.adminPort();
        String auth = "-H 'Authorization: Bearer " + secrets.adminToken() + "'";
        out.println();
        out.println("Switchboard demo is running.");
        out.println();
        out.println("  dashboard     " + admin + "/");
        out.println("  admin token   " + secrets.adminToken() + "   (one-time: a new one each start)");
        out.println("  viewer token  " + secrets.viewerToken() + "   (read-only, to show someone the wall)");
        out.println("  admin API     " + admin + "/api/v1/connectors");
        out.println("  metrics       " + admin + "/metrics");
        out.println("  config        " + config.toAbsolutePath() + "   (edit and save: it reloads)");
        out.println("  data          " + config.toAbsolutePath().getParent()
                + (temporary ? "   (temporary: deleted on exit; --data DIR keeps it)" : ""));
        out.println();
        out.println("What to watch:");
        out.println("  courier-express  open 09:00-21:00 " + zoneNow(zones.open(), clock) + ": green");
        out.println("  courier-economy  open 09:00-21:00 " + zoneNow(zones.closed(), clock)
                + ": grey, closed now; delivery goes to courier-express");
        out.println("  sms-alpha        " + settings.alphaBalance() + " SMS of balance: yellow under "
                + settings.alphaWarnBelow() + ", red at 0"
                + (traffic
                        ? " (in about " + settings.alphaBalance() + " s of traffic), then sms goes to sms-beta"
                        : ""));
        out.println("  payments         echoes card numbers back; the journal masks them");
        out.println("  rates-feed       latency spikes and a burst of 5xx every "
                + settings.feedCycle().toSeconds() + " s: the circuit breaker opens, then closes again");
        out.println(
                traffic
                        ? "  traffic          shop, billing and notifier call about 4 times a second (--no-traffic: quiet)"
                        : "  traffic          off (started with --no-traffic)");
        out.println();
        out.println("Try:");
        out.println(
                "  curl -si " + proxy + DemoTraffic.DELIVERY_PATH
                        + " -H 'Switchboard-Caller: shop' -H 'Content-Type: application/json' -d '{\"to\":\"ул. Ленина, д. 1\"}'");
        out.println("  curl -si " + proxy + DemoTraffic.SMS_PATH
                + " -H 'Switchboard-Caller: notifier' -H 'Content-Type: application/json'"
                + " -d '{\"to\":\"+79001234567\",\"text\":\"hi\"}'");
        out.println(
                "  curl -si " + proxy + "/payments/payments -H 'Switchboard-Api-Key: " + secrets.billingKey()
                        + "' -H 'Content-Type: application/json' -d '{\"amount\":990,\"card\":{\"number\":\"4111111111111111\",\"cvv\":\"123\"}}'");
        out.println("  curl -s " + auth + " " + admin + "/api/v1/connectors");
        out.println("  curl -s " + auth + " " + admin + "/api/v1/capabilities/sms");
        out.println("  curl -s " + auth + " '" + admin + "/api/v1/events?connector=sms-alpha'");
        out.println("  curl -s " + auth + " -H 'Content-Type: application/json' " + admin
                + "/api/v1/connectors/sms-alpha/switch -d '{\"on\":false,"
                + "\"reason\":\"trying the red button\"}'");
        out.println("  curl -s " + providers.endpoints().get(DemoProviders.SMS_ALPHA)
                + "/balance/top-up -d 500     (top sms-alpha up: back to green, sms returns to it)");
        out.println();
        out.println("Ctrl-C stops.");
        out.flush();
    }

    private static String zoneNow(ZoneId zone, Clock clock) {
        return "in " + zone.getId() + " (" + LocalTime.now(clock.withZone(zone)).format(HOUR) + " there)";
    }

    /** Waits up to five seconds for {@code step}; a step that takes longer is logged and left behind. */
    private static void awaitBriefly(Future<?> step, String what) {
        try {
            step.await(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} took more than 5 s; going on", what);
        }
    }

    /** Deletes the demo's temporary directory; what cannot be deleted is left and logged. */
    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the demo's temporary directory {}: {}", directory, e.toString());
        }
    }
}
