package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.GatewayProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB upload and a 1 GiB download pass through a gateway whose heap is 64 MiB, with a Content-Length and chunked,
 * against an upstream that counts and checksums the bytes without keeping them.
 */
class StreamingIT {
    private static final long GIB = 1L << 30;
    /** A prime period, so the pattern never lines up with buffer or chunk boundaries. */
    private static final int BLOCK = 65_521;
    /** The most bytes one write or one published buffer carries. */
    private static final int PIECE = 256 * 1024;

    /** The pattern's period followed by one more piece of it, so any piece is one slice at {@code position % BLOCK}. */
    private static final byte[] PATTERN = pattern();

    private static final Buffer PATTERN_BUFFER = Buffer.buffer(PATTERN);
    private static final long PATTERN_CRC = crcOfPattern(GIB);

    private static Vertx vertx;
    private static HttpServer upstream;
    private static GatewayProcess gateway;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer()
                .requestHandler(StreamingIT::serve)
                .listen(0, "127.0.0.1")
                .await();
        gateway = GatewayProcess.withYaml("""
                        gateway:
                          listen: 127.0.0.1:0
                          admin: 127.0.0.1:0
                          drain-timeout: 2s
                          limits:
                            max-body-size: 2GiB
                            request-read-timeout: 120s
                        connectors:
                          bulk:
                            upstream:
                              endpoints: [ "http://127.0.0.1:%d" ]
                              call-timeout: 120s
                        """.formatted(upstream.actualPort()))
                .jvm("-Xmx64m", "-XX:+ExitOnOutOfMemoryError")
                .args("--event-loops", "2")
                .start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            System.out.printf(
                    "streaming: child gateway peak RSS %d MiB, RSS now %d MiB%n",
                    gateway.memoryKib("VmHWM") / 1024, gateway.memoryKib("VmRSS") / 1024);
            gateway.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @AfterEach
    void gatewayIsStillAliveWithoutRunningOutOfMemory() {
        assertThat(gateway.process().isAlive())
                .as("child gateway alive; stderr: %s", gateway.stderrLines())
                .isTrue();
        assertThat(gateway.stderrLines()).noneMatch(line -> line.contains("OutOfMemoryError"));
        // Far below the gigabyte that went through: the body was never held.
        assertThat(gateway.memoryKib("VmHWM")).isLessThan(384 * 1024);
    }

    @Test
    void uploadsOneGibibyteWithContentLength() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.proxy("/bulk/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(new PatternPublisher(GIB), GIB))
                .build();

        HttpResponse<String> response = timed("upload with Content-Length", request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(GIB + " " + PATTERN_CRC + " length=" + GIB + " encoding=none");
    }

    @Test
    void uploadsOneGibibyteChunked() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.proxy("/bulk/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(new PatternPublisher(GIB)))
                .build();

        HttpResponse<String> response = timed("chunked upload", request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(GIB + " " + PATTERN_CRC + " length=none encoding=chunked");
    }

    @Test
    void downloadsOneGibibyteWithContentLength() throws Exception {
        Download download = download("/bulk/download/length");

        assertThat(download.status).isEqualTo(200);
        assertThat(download.contentLength).isEqualTo(Long.toString(GIB));
        assertThat(download.bytes).isEqualTo(GIB);
        assertThat(download.crc).isEqualTo(PATTERN_CRC);
    }

    @Test
    void downloadsOneGibibyteChunked() throws Exception {
        Download download = download("/bulk/download/chunked");

        assertThat(download.status).isEqualTo(200);
        assertThat(download.contentLength).isNull();
        assertThat(download.transferEncoding).isEqualTo("chunked");
        assertThat(download.bytes).isEqualTo(GIB);
        assertThat(download.crc).isEqualTo(PATTERN_CRC);
    }

    private static HttpResponse<String> timed(String what, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.printf("streaming: %s of 1 GiB took %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        return response;
    }

    private static Download download(String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Checksum> response = CLIENT.send(
                HttpRequest.newBuilder(gateway.proxy(path)).build(),
                HttpResponse.BodyHandlers.fromSubscriber(new Checksum(), checksum -> checksum));
        System.out.printf(
                "streaming: download %s of 1 GiB took %d ms%n", path, (System.nanoTime() - start) / 1_000_000);
        return new Download(
                response.statusCode(),
                response.headers().firstValue("content-length").orElse(null),
                response.headers().firstValue("transfer-encoding").orElse(null),
                response.body().bytes,
                response.body().crc.getValue());
    }

    private record Download(
            int status,
            @org.jspecify.annotations.Nullable String contentLength,
            @org.jspecify.annotations.Nullable String transferEncoding,
            long bytes,
            long crc) {}

    /** The upstream: counts and checksums uploads, generates downloads, with back-pressure both ways. */
    private static void serve(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "");
        if (path.equals("/upload")) {
            CRC32 crc = new CRC32();
            long[] count = {0};
            request.handler(chunk -> {
                byte[] bytes = chunk.getBytes();
                crc.update(bytes);
                count[0] += bytes.length;
            });
            request.endHandler(done -> request.response()
                    .end(count[0] + " " + crc.getValue()
                            + " length=" + orNone(request.getHeader(HttpHeaders.CONTENT_LENGTH))
                            + " encoding=" + orNone(request.getHeader(HttpHeaders.TRANSFER_ENCODING))));
            return;
        }
        HttpServerResponse response = request.response();
        if (path.endsWith("/length")) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(GIB));
        } else {
            response.setChunked(true);
        }
        new Generator(response, GIB).run();
    }

    private static String orNone(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "none" : value;
    }

    /** Writes the pattern while the response's queue has room, and resumes when it drains. */
    private static final class Generator implements Runnable {
        private final HttpServerResponse response;
        private final long total;
        private long sent;

        Generator(HttpServerResponse response, long total) {
            this.response = response;
            this.total = total;
        }

        @Override
        public void run() {
            while (sent < total && !response.writeQueueFull()) {
                int offset = (int) (sent % BLOCK);
                int length = (int) Math.min(PIECE, total - sent);
                // A slice shares the pattern's bytes: the generator allocates no body of its own.
                response.write(PATTERN_BUFFER.slice(offset, offset + length));
                sent += length;
            }
            if (sent >= total) {
                response.end();
            } else {
                response.drainHandler(drained -> run());
            }
        }
    }

    /** Publishes the pattern as read-only slices, as many as the HTTP client asks for. */
    private static final class PatternPublisher implements Flow.Publisher<ByteBuffer> {
        private final long total;

        PatternPublisher(long total) {
            this.total = total;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicLong demand = new AtomicLong();
                private final AtomicInteger work = new AtomicInteger();
                private long position;
                private volatile boolean cancelled;

                @Override
                public void request(long n) {
                    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    // Only one caller emits at a time; a request made from inside onNext is picked up by the loop.
                    if (work.getAndIncrement() != 0) {
                        return;
                    }
                    do {
                        while (!cancelled && position < total && demand.get() > 0) {
                            demand.decrementAndGet();
                            int offset = (int) (position % BLOCK);
                            int length = (int) Math.min(PIECE, total - position);
                            position += length;
                            subscriber.onNext(ByteBuffer.wrap(PATTERN, offset, length)
                                    .slice()
                                    .asReadOnlyBuffer());
                        }
                        if (!cancelled && position >= total) {
                            cancelled = true;
                            subscriber.onComplete();
                        }
                    } while (work.decrementAndGet() != 0);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Counts and checksums a response body as it arrives, keeping none of it. */
    private static final class Checksum implements Flow.Subscriber<List<ByteBuffer>> {
        private final CRC32 crc = new CRC32();
        private long bytes;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                bytes += buffer.remaining();
                crc.update(buffer);
            }
        }

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}
    }

    private static byte[] pattern() {
        byte[] block = new byte[BLOCK];
        new Random(42).nextBytes(block);
        byte[] pattern = new byte[BLOCK + PIECE];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = block[i % BLOCK];
        }
        return pattern;
    }

    private static long crcOfPattern(long total) {
        CRC32 crc = new CRC32();
        for (long done = 0; done < total; ) {
            int n = (int) Math.min(BLOCK, total - done);
            crc.update(PATTERN, 0, n);
            done += n;
        }
        return crc.getValue();
    }
}
