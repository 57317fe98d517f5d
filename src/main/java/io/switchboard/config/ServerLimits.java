package io.switchboard.config;

import java.time.Duration;

/**
 * Limits the proxy listener puts on callers' requests, under {@code gateway.limits}.
 *
 * @param maxHeaderSize total size of the request head's header lines; more is answered 431; default 16KiB
 * @param maxHeaderCount number of header fields; more is answered 431; default 100
 * @param maxUriLength length of the request line's URI; longer is answered 414; default 8KiB
 * @param maxBodySize size of a request body; larger is answered 413 (or cut off when chunked); default 10MiB
 * @param idleTimeout a connection with no bytes either way for this long is closed; default 60s
 * @param requestReadTimeout a request head and body must arrive within this time, against slow-loris callers;
 *     default 30s
 */
public record ServerLimits(
        DataSize maxHeaderSize,
        int maxHeaderCount,
        int maxUriLength,
        DataSize maxBodySize,
        Duration idleTimeout,
        Duration requestReadTimeout) {
    public static final ServerLimits DEFAULT = new ServerLimits(
            DataSize.ofKibibytes(16),
            100,
            8192,
            DataSize.ofMebibytes(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30));
}
