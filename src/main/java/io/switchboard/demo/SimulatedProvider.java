package io.switchboard.demo;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** A provider simulated on a loopback port: a name, and the handler that plays its behaviour. */
public final class SimulatedProvider {
    private final String name;
    private final HttpServer server;

    private SimulatedProvider(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    /** Starts {@code behaviour} on a free loopback port. */
    public static Future<SimulatedProvider> start(Vertx vertx, String name, Handler<HttpServerRequest> behaviour) {
        return vertx.createHttpServer(
                        new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(behaviour)
                .listen()
                .map(server -> new SimulatedProvider(name, server));
    }

    public String name() {
        return name;
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Stops the provider. */
    public Future<Void> stop() {
        return server.close();
    }
}
