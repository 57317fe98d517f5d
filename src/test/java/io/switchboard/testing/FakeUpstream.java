package io.switchboard.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP upstream on {@code 127.0.0.1:0} (the JDK's HttpServer) that plays scripted responses and records the
 * requests it received. Use it as a JUnit extension in a static field; it is reset before each test.
 */
public final class FakeUpstream implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {
    private @Nullable HttpServer server;
    private @Nullable ExecutorService executor;
    private final Deque<Reply> queued = new ArrayDeque<>();
    private volatile Function<Recorded, Reply> fallback = request -> Reply.ok("ok");
    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** Starts the server now (for use outside JUnit's lifecycle); returns this. */
    public FakeUpstream start() {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            created.setExecutor(threads);
            created.createContext("/", this::handle);
            created.start();
            server = created;
            executor = threads;
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Forgets scripted replies and recorded requests; answers 200 "ok" again. */
    public synchronized void reset() {
        queued.clear();
        received.clear();
        fallback = request -> Reply.ok("ok");
        maxInFlight.set(0);
    }

    /** Returns the port the server listens on. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers the next requests with these replies, in order; after them, the fallback. */
    public synchronized FakeUpstream enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** Answers every request not covered by {@link #enqueue} with what {@code handler} returns. */
    public FakeUpstream answerWith(Function<Recorded, Reply> handler) {
        this.fallback = handler;
        return this;
    }

    /** Returns the requests received so far, in arrival order. */
    public List<Recorded> received() {
        return List.copyOf(received);
    }

    /** Returns the most requests that were being handled at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    private synchronized @Nullable Reply nextQueued() {
        return queued.pollFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Recorded request = new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body);
            received.add(request);
            Reply queuedReply = nextQueued();
            Reply reply = queuedReply != null ? queuedReply : fallback.apply(request);
            pause(reply.delay());
            if (reply.drop()) {
                // Closing without a response head makes the JDK server close the connection: the gateway sees a reset.
                return;
            }
            Headers out = exchange.getResponseHeaders();
            reply.headers().forEach(out::add);
            boolean chunked = reply.chunked();
            exchange.sendResponseHeaders(
                    reply.status(), chunked ? 0 : (reply.body().length == 0 ? -1 : reply.body().length));
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(reply.body());
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            new CountDownLatch(1).await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A request the upstream received.
     *
     * @param method the method
     * @param path the raw path (percent-encoding kept)
     * @param query the raw query, or null
     * @param headers header names in lowercase to their values
     * @param body the whole body
     */
    // Bodies are raw bytes on purpose (binary and charset tests); nothing compares these records with equals.
    @SuppressWarnings("ArrayRecordComponent")
    public record Recorded(
            String method, String path, @Nullable String query, Map<String, List<String>> headers, byte[] body) {
        /** Returns the first value of a header (name in any case), or null. */
        public @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Returns the body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A scripted answer.
     *
     * @param status the status code
     * @param headers response headers
     * @param body the body bytes
     * @param delay how long to wait before answering
     * @param chunked send the body chunked instead of with a Content-Length
     * @param drop close the connection without answering
     */
    // The body is raw bytes on purpose (binary and charset tests); nothing compares these records with equals.
    @SuppressWarnings("ArrayRecordComponent")
    public record Reply(
            int status, Map<String, String> headers, byte[] body, Duration delay, boolean chunked, boolean drop) {
        public static Reply ok(String body) {
            return status(200, body);
        }

        public static Reply status(int status, String body) {
            return new Reply(
                    status,
                    Map.of("Content-Type", "text/plain; charset=utf-8"),
                    body.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO,
                    false,
                    false);
        }

        /** Returns a reply that closes the connection without an answer. */
        public static Reply dropConnection() {
            return new Reply(0, Map.of(), new byte[0], Duration.ZERO, false, true);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait, chunked, drop);
        }

        public Reply asChunked() {
            return new Reply(status, headers, body, delay, true, drop);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, delay, chunked, drop);
        }

        public Reply withBody(byte[] bytes) {
            return new Reply(status, headers, bytes, delay, chunked, drop);
        }
    }

    /** Returns the recorded requests' paths, for compact assertions. */
    public List<String> receivedPaths() {
        List<String> paths = new ArrayList<>();
        for (Recorded r : received) {
            paths.add(r.path());
        }
        return paths;
    }
}
