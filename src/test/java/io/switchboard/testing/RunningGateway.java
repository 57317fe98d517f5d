package io.switchboard.testing;

import io.switchboard.boot.FileConfigControl;
import io.switchboard.boot.Gateway;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.GatewayConfig;
import io.switchboard.config.LoadResult;
import io.switchboard.config.SwitchboardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway, started from an inline YAML text for a test class, with an HTTP client for it. Register it after
 * the {@link FakeUpstream}s its YAML names, so their ports are known when the YAML is built.
 *
 * <p>The YAML is written to a temporary file, so tests can {@link #rewrite} it and reload. Listen on port 0: {@link
 * #LISTEN_ANY_PORT} is a ready-made gateway section.
 */
public final class RunningGateway implements BeforeAllCallback, AfterAllCallback {
    /** A {@code gateway:} section that binds both listeners to free loopback ports. */
    public static final String LISTEN_ANY_PORT = """
            gateway:
              listen: 127.0.0.1:0
              admin: 127.0.0.1:0
              drain-timeout: 2s
            """;

    private final Supplier<String> yaml;
    private final Map<String, String> environment = new HashMap<>(System.getenv());
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private @Nullable Path directory;
    private @Nullable Gateway gateway;

    private RunningGateway(Supplier<String> yaml) {
        this.yaml = yaml;
    }

    /** Returns a gateway that will run the YAML {@code yaml} supplies when the test class starts. */
    public static RunningGateway fromYaml(Supplier<String> yaml) {
        return new RunningGateway(yaml);
    }

    /** Adds an environment variable the YAML can reference as {@code ${NAME}}; call before the class starts. */
    public RunningGateway withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    /** Starts the gateway now (outside JUnit's lifecycle); returns this. */
    public RunningGateway start() throws IOException {
        Path dir = Files.createTempDirectory("switchboard-it");
        directory = dir;
        Path file = configFile();
        Files.writeString(file, yaml.get());
        LoadResult result = ConfigLoader.load(file, environment);
        if (!(result instanceof LoadResult.Valid valid)) {
            throw new IllegalStateException("test config is invalid:\n"
                    + String.join(
                            "\n",
                            result.problems().stream().map(Object::toString).toList()));
        }
        gateway = Gateway.start(
                        withOwnStore(valid.config(), dir),
                        1,
                        Clock.systemUTC(),
                        (runtime, metrics, events) ->
                                new FileConfigControl(file, environment, runtime, metrics, events))
                .await();
        return this;
    }

    /**
     * Gives a test that names no store a SQLite file of its own, so test classes never share switch states or events
     * through the default {@code ./data/switchboard.db}.
     */
    private static SwitchboardConfig withOwnStore(SwitchboardConfig config, Path dir) {
        GatewayConfig gateway = config.gateway();
        if (!gateway.store().equals(GatewayConfig.DEFAULT.store())) {
            return config;
        }
        GatewayConfig own = new GatewayConfig(
                gateway.listen(),
                gateway.admin(),
                "sqlite:" + dir.resolve("switchboard.db"),
                gateway.journal(),
                gateway.tokens(),
                gateway.limits(),
                gateway.drainTimeout(),
                gateway.webhooks(),
                gateway.requireCaller());
        return new SwitchboardConfig(own, config.connectors(), config.capabilities(), config.callers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Stops the gateway gracefully and waits for it. */
    public void stop() {
        if (gateway != null) {
            gateway.stop().await();
            gateway = null;
        }
    }

    /** Returns the running gateway. */
    public Gateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("gateway not started");
        }
        return gateway;
    }

    /** Returns the config file the gateway was started from. */
    public Path configFile() {
        if (directory == null) {
            throw new IllegalStateException("gateway not started");
        }
        return directory.resolve("switchboard.yaml");
    }

    /** Replaces the config file's text (a reload applies it). */
    public void rewrite(String newYaml) {
        try {
            Files.writeString(configFile(), newYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code http://127.0.0.1:PORT} + path on the proxy listener. */
    public URI proxy(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway().proxyPort() + pathAndQuery);
    }

    /** Returns {@code http://127.0.0.1:PORT} + path on the admin listener. */
    public URI admin(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway().adminPort() + pathAndQuery);
    }

    /** Returns a JDK HTTP/1.1 client. */
    public HttpClient client() {
        return client;
    }

    /** Sends a GET to the proxy and returns the response with its body as text. */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(proxy(pathAndQuery)).build());
    }

    /** Sends a request and returns the response with its body as text. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
