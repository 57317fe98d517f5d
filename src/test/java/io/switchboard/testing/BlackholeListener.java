package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback port that never completes a connection: a listening socket with a backlog of one that never accepts, its
 * queue filled up front. Linux drops a SYN while a listener's accept queue is full, so a new connection attempt hangs
 * until the client's connect timeout, deterministically and without leaving the machine.
 */
public final class BlackholeListener implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final int MAX_FILLERS = 64;

    private final List<Socket> fillers = new ArrayList<>();
    private ServerSocket server;

    /** Binds the listener and fills its queue now (outside JUnit's lifecycle); returns this. */
    public BlackholeListener start() {
        try {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < MAX_FILLERS; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(server.getLocalSocketAddress(), 250);
                    fillers.add(filler);
                } catch (SocketTimeoutException full) {
                    filler.close();
                    return this;
                }
            }
            throw new IllegalStateException("the accept queue never filled after " + MAX_FILLERS + " connections");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            for (Socket filler : fillers) {
                filler.close();
            }
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
