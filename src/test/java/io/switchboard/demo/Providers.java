package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts a simulated provider for a test and calls it over loopback with the JDK's client. */
final class Providers {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Providers() {}

    /** Starts {@code behaviour} on a free loopback port and returns its base URL. */
    static String start(Vertx vertx, Handler<HttpServerRequest> behaviour) {
        try {
            return SimulatedProvider.start(vertx, "under-test", behaviour)
                    .await(5, TimeUnit.SECONDS)
                    .baseUrl();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the provider did not start within 5 s", e);
        }
    }

    /** Sends a request and returns the answer with its body as bytes. */
    static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns a request builder for {@code baseUrl + path}. */
    static HttpRequest.Builder request(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    /** Returns a POST with a body in {@code charset}. */
    static HttpRequest.Builder post(String baseUrl, String path, String body, Charset charset) {
        return request(baseUrl, path).POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(charset)));
    }
}
