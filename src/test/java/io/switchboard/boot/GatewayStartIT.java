package io.switchboard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.runtime.EventRecorder;
import io.switchboard.runtime.GatewayMetrics;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RawHttpConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GatewayStartIT {
    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @TempDir
    Path directory;

    @Test
    void startsAndServesWithSeveralEventLoopsOnAnyPort() throws Exception {
        SwitchboardConfig config = load("127.0.0.1:0");

        Gateway gateway =
                Gateway.start(config, 3, Clock.systemUTC(), this::control).await(10, TimeUnit.SECONDS);

        try {
            for (int i = 0; i < 6; i++) {
                // A new connection each time, so the connections spread over the event loops sharing the socket.
                try (RawHttpConnection connection = RawHttpConnection.open(gateway.proxyPort())) {
                    assertThat(connection.get("/stub/" + i).status()).isEqualTo(200);
                }
            }
        } finally {
            gateway.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void failsWithTheCauseInsteadOfHangingWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SwitchboardConfig config = load("127.0.0.1:" + taken.getLocalPort());

            var start = Gateway.start(config, 1, Clock.systemUTC(), this::control);

            assertThat(start.toCompletionStage().toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .withMessageContaining("cannot listen for the proxy on 127.0.0.1:" + taken.getLocalPort())
                    .withMessageEndingWith("Address already in use");
        }
    }

    private SwitchboardConfig load(String listen) throws Exception {
        Path file = directory.resolve("switchboard.yaml");
        Files.writeString(file, """
                gateway:
                  listen: %s
                  admin: 127.0.0.1:0
                  drain-timeout: 1s
                  store: sqlite:%s
                connectors:
                  stub:
                    upstream:
                      endpoints: [ "%s" ]
                """.formatted(listen, directory.resolve("switchboard.db"), UPSTREAM.baseUrl()));
        LoadResult result = ConfigLoader.load(file, Map.of());
        assertThat(result).isInstanceOf(LoadResult.Valid.class);
        return ((LoadResult.Valid) result).config();
    }

    private FileConfigControl control(LiveRuntime runtime, GatewayMetrics metrics, EventRecorder events) {
        return new FileConfigControl(directory.resolve("switchboard.yaml"), Map.of(), runtime, metrics, events);
    }
}
