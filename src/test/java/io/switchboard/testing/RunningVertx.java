package io.switchboard.testing;

import io.switchboard.pipeline.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running Vert.x with one event-loop context, as a JUnit extension in a static field: runs pipeline code on the event
 * loop as the server would, waits for its result on the test thread (5 seconds at most) and makes loopback terminals.
 */
public final class RunningVertx implements BeforeAllCallback, AfterAllCallback {
    /** The most connections per server that a terminal's client keeps (Vert.x's default). */
    public static final int POOL_SIZE = 5;

    private static final long WAIT_SECONDS = 5;

    private @Nullable Vertx vertx;
    private @Nullable Context context;
    private final List<HttpClient> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        Vertx started = Vertx.vertx();
        vertx = started;
        context = started.getOrCreateContext();
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) throws Exception {
        Vertx running = vertx;
        if (running != null) {
            running.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        vertx = null;
        context = null;
        clients.clear();
    }

    /** Returns the running Vert.x. */
    public Vertx vertx() {
        Vertx running = vertx;
        if (running == null) {
            throw new IllegalStateException("Vert.x is not running; register RunningVertx as a static extension");
        }
        return running;
    }

    /**
     * Returns a terminal that sends attempts round {@code baseUrls} with Vert.x's default client: keep-alive, at most
     * {@value #POOL_SIZE} connections per server. (Custom pool options would need Vert.x's option classes, whose
     * codegen annotation is not on the classpath and makes javac warn.)
     */
    public LoopbackTerminal terminal(String... baseUrls) {
        HttpClient client = vertx().createHttpClient();
        clients.add(client);
        return new LoopbackTerminal(client, List.of(baseUrls), null);
    }

    /** Returns the event-loop context that {@link #await} and {@link #start} run on. */
    public Context context() {
        Context loop = context;
        if (loop == null) {
            throw new IllegalStateException("Vert.x is not running; register RunningVertx as a static extension");
        }
        return loop;
    }

    /** Runs {@code action} on the event loop and returns what its future completes with. */
    public <T> T await(Supplier<Future<T>> action) {
        return waitFor(start(action));
    }

    /** Runs {@code action} on the event loop and returns its result without waiting for it. */
    public <T> CompletableFuture<T> start(Supplier<Future<T>> action) {
        Context loop = context;
        if (loop == null) {
            throw new IllegalStateException("Vert.x is not running; register RunningVertx as a static extension");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(ignored -> {
            try {
                action.get().onComplete(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Waits at most 5 seconds for {@code future} and returns its value. */
    public static <T> T waitFor(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the event-loop action failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event-loop action did not finish in " + WAIT_SECONDS + "s", e);
        }
    }

    /** Reads an upstream outcome's body to the end, as the server would pipe it, and returns it as UTF-8 text. */
    public String bodyOf(Outcome outcome) {
        if (!(outcome instanceof Outcome.Upstream upstream)) {
            throw new IllegalArgumentException("not an upstream answer: " + outcome);
        }
        Buffer body = await(() -> {
            Future<Buffer> read = upstream.response().body();
            upstream.response().resume();
            return read;
        });
        return body.toString();
    }

    /** Returns the URL of a loopback port that nothing listens on, so connecting to it is refused. */
    public static String refusingUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
