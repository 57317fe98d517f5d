package io.switchboard.server;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A plain TCP connection to the gateway that writes exactly the bytes a test gives it and reads HTTP/1.1 responses,
 * for the cases a well-behaved HTTP client refuses to send (smuggling, absolute URIs, dot-segments, slow heads).
 */
final class RawConnection implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
    }

    /** Opens a connection to {@code 127.0.0.1:port}. */
    static RawConnection open(int port) {
        try {
            return new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the text as ISO-8859-1 bytes, exactly as given (write "\r\n" yourself). */
    RawConnection send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes the bytes exactly as given. */
    RawConnection send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns whether writing the bytes still works; false once the gateway has closed the connection. */
    boolean trySend(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads one response to a request that may carry a body. */
    Response read() {
        return read(false);
    }

    /** Reads one response to a HEAD request: a head only, whatever its Content-Length says. */
    Response readHead() {
        return read(true);
    }

    private Response read(boolean headOnly) {
        try {
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; i < 200; i++) {
                String line = readLine();
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            byte[] body;
            List<String> length = headers.get("content-length");
            List<String> encoding = headers.get("transfer-encoding");
            if (headOnly || status == 204 || status == 304 || status < 200) {
                body = new byte[0];
            } else if (encoding != null
                    && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon), 16);
            if (size == 0) {
                for (int j = 0; j < 100; j++) {
                    if (readLine().isEmpty()) {
                        return body.toByteArray();
                    }
                }
                throw new IOException("too many trailer lines");
            }
            body.write(in.readNBytes(size));
            readLine();
        }
        throw new IOException("too many chunks");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < 65_536; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("line too long");
    }

    /**
     * Returns whether the gateway closes the connection within {@code within}: reads (and drops) whatever else comes
     * until the end of the stream, a reset, or the time runs out.
     */
    boolean closesWithin(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (SocketException e) {
                    // A reset is a close too.
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            } catch (SocketException ignored) {
                // The socket is closed; nothing to restore.
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test socket that the gateway already closed.
        }
    }

    /**
     * A response as read off the wire.
     *
     * @param status the status code
     * @param headers header names (any case) to their values
     * @param body the body bytes, de-chunked
     */
    // The body is raw bytes on purpose; nothing compares these records with equals.
    @SuppressWarnings("ArrayRecordComponent")
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** Returns the first value of a header, or null. */
        @Nullable
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return new JsonObject(bodyText());
        }
    }
}
