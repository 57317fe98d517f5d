package io.switchboard.cli;

import io.switchboard.boot.FileConfigControl;
import io.switchboard.boot.Gateway;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.demo.CourierService;
import io.switchboard.demo.DemoConfig;
import io.switchboard.demo.SimulatedProvider;
import io.switchboard.demo.SmsGateway;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;

/** {@code switchboard demo}: the gateway with simulated providers on loopback, ready to click. */
@CommandLine.Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the gateway with an example config and simulated providers on loopback.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--port", paramLabel = "PORT", description = "Proxy port (default 8080).")
    int port = 8080;

    @CommandLine.Option(names = "--admin-port", paramLabel = "PORT", description = "Admin port (default 8081).")
    int adminPort = 8081;

    @CommandLine.Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the demo writes its config and data (default ./data/demo).")
    Path directory = Path.of("data", "demo");

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before call().
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SecureRandom secure = new SecureRandom();
        String adminToken = randomToken(secure);
        String smsKey = randomToken(secure);
        Vertx providers = Vertx.vertx();
        SimulatedProvider courier = SimulatedProvider.start(
                        providers, "courier-express", new CourierService(providers, RandomGenerator.getDefault()))
                .await();
        SimulatedProvider sms = SimulatedProvider.start(providers, "sms-alpha", new SmsGateway(smsKey, 500))
                .await();

        Files.createDirectories(directory);
        Path config = directory.resolve("switchboard.yaml");
        Files.writeString(
                config,
                DemoConfig.yaml(
                        courier.baseUrl(),
                        sms.baseUrl(),
                        port,
                        adminPort,
                        directory.resolve("switchboard.db").toString()));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(DemoConfig.ADMIN_TOKEN_VARIABLE, adminToken);
        environment.put(DemoConfig.SMS_KEY_VARIABLE, smsKey);
        LoadResult loaded = ConfigLoader.load(config, environment);
        if (!(loaded instanceof LoadResult.Valid valid)) {
            loaded.problems().forEach(err::println);
            providers.close();
            return 1;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(
                            valid.config(),
                            Runtime.getRuntime().availableProcessors(),
                            Clock.systemUTC(),
                            (runtime, metrics, events) ->
                                    new FileConfigControl(config, environment, runtime, metrics, events).watching())
                    .await();
        } catch (RuntimeException e) {
            err.println("switchboard demo: could not start (is port " + port + " or " + adminPort
                    + " taken? try --port/--admin-port): " + e.getMessage());
            providers.close();
            return 1;
        }
        printTour(out, gateway, adminToken, config);
        Runtime.getRuntime().addShutdownHook(new Thread(providers::close, "switchboard-demo-providers"));
        return Serving.untilStopped(gateway, config, out);
    }

    private static void printTour(PrintWriter out, Gateway gateway, String adminToken, Path config) {
        String proxy = "http://127.0.0.1:" + gateway.proxyPort();
        String admin = "http://127.0.0.1:" + gateway.adminPort();
        out.println();
        out.println("Switchboard demo is running.");
        out.println("  admin API   " + admin + "/api/v1/connectors");
        out.println("  admin token " + adminToken + "   (one-time: a new one each start)");
        out.println("  metrics     " + admin + "/metrics");
        out.println("  config      " + config.toAbsolutePath() + "   (edit and save: it reloads)");
        out.println();
        out.println("Try:");
        out.println("  curl -si " + proxy
                + "/courier-express/orders -H 'Switchboard-Caller: shop' -d '{\"to\":\"Lenina 1\"}'");
        out.println("  curl -si " + proxy + "/sms-alpha/messages -H 'Switchboard-Caller: shop' -d '{\"text\":\"hi\"}'");
        out.println("  curl -s -H 'Authorization: Bearer " + adminToken + "' " + admin
                + "/api/v1/connectors/courier-express");
        out.println();
        out.println("Ctrl-C stops.");
    }

    private static String randomToken(SecureRandom random) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
