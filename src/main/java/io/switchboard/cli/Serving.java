package io.switchboard.cli;

import io.switchboard.boot.Gateway;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Keeps a started gateway serving until SIGTERM or Ctrl-C, then stops it gracefully. */
final class Serving {
    private Serving() {}

    /** Prints where the gateway listens, blocks until the process is asked to stop, and returns the exit status. */
    static int untilStopped(Gateway gateway, @Nullable Path config, PrintWriter out) {
        out.printf(
                "switchboard: proxy on http://127.0.0.1:%d, admin on http://127.0.0.1:%d%s%n",
                gateway.proxyPort(), gateway.adminPort(), config == null ? "" : ", config " + config);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        long drainMillis =
                gateway.runtime().current().config().gateway().drainTimeout().toMillis();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                gateway.stop().await(drainMillis + 5_000, TimeUnit.MILLISECONDS);
                            } catch (Exception e) {
                                // Nothing more can be done while the JVM exits; the log already has the details.
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "switchboard-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
