package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection on a plain socket, for tests that must control the bytes and their timing (a trickled body,
 * several requests on one kept-alive connection).
 */
public final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to {@code 127.0.0.1:port}; reads time out after 10 s. */
    public static RawHttpConnection open(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            return new RawHttpConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} as ISO-8859-1 bytes (a request head, or part of one). */
    public RawHttpConnection write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes. */
    public RawHttpConnection write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code body} one byte at a time with {@code pause} between bytes. */
    public RawHttpConnection trickle(byte[] body, Duration pause) {
        for (byte b : body) {
            write(new byte[] {b});
            wait(pause);
        }
        return this;
    }

    /** Sends a GET with {@code Host} and reads the response. */
    public Response get(String path) {
        write("GET " + path + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
        return readResponse();
    }

    /** Reads one response: its head, then a body framed by Content-Length or chunked encoding. */
    public Response readResponse() {
        try {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new IllegalStateException("the connection closed before a response");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = new byte[0];
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns whether the peer has closed the connection (a read sees the end of the stream). */
    public boolean isClosedByPeer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a test's socket cannot fail in a way the test cares about.
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new IllegalStateException("the connection closed inside a chunked body");
            }
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            if (size == 0) {
                for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                    // Trailers are read and dropped.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private @Nullable String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static void wait(Duration pause) {
        try {
            new CountDownLatch(1).await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A response read off the socket.
     *
     * @param status the status code
     * @param headers header names in lowercase to their (last) values
     * @param body the body as UTF-8 text
     */
    public record Response(int status, Map<String, String> headers, String body) {
        /** Returns a header's value (name in lowercase), or null. */
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
