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
        return untilStopped(gateway, config, out, () -> {}, () -> {});
    }

    /**
     * Like {@link #untilStopped(Gateway, Path, PrintWriter)}, and runs {@code beforeStop} before the gateway stops and
     * {@code afterStop} after it stopped (the demo stops its traffic first and its providers last).
     */
    static int untilStopped(
            Gateway gateway, @Nullable Path config, PrintWriter out, Runnable beforeStop, Runnable afterStop) {
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
                            int status = 0;
                            try {
                                beforeStop.run();
                                gateway.stop().await(drainMillis + 5_000, TimeUnit.MILLISECONDS);
                                afterStop.run();
                            } catch (Exception e) {
                                // Nothing more can be done while the JVM exits; the log already has the details.
                                status = 1;
                            } finally {
                                stopped.countDown();
                            }
                            // A JVM stopped by SIGTERM exits with 143 once its hooks are done, whatever main returns.
                            // A graceful stop is a normal end, and supervisors read anything but 0 as a crash, so the
                            // status is set here; halting skips no work, the gateway is already closed.
                            Runtime.getRuntime().halt(status);
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
