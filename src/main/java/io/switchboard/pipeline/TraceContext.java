package io.switchboard.pipeline;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A W3C trace context ({@code traceparent}) as the gateway passes it on: the caller's trace id, and the gateway's own
 * span id as the parent of the upstream call.
 *
 * @param traceId 32 lowercase hex digits, never all zeros
 * @param spanId 16 lowercase hex digits: the gateway's span, sent upstream as parent-id
 * @param flags the trace flags byte as two hex digits
 */
public record TraceContext(String traceId, String spanId, String flags) {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /**
     * Returns the context to use for a request: the caller's trace continued with a new span when its {@code
     * traceparent} is valid, otherwise a new trace (see {@link #newTraceId}).
     */
    public static TraceContext continueOrStart(@Nullable String traceparent, RandomGenerator random) {
        String span = randomHex(8, random);
        if (traceparent != null) {
            String value = traceparent.trim();
            // version "00" is exactly 55 characters; later versions may append fields after a dash (W3C 3.2.2).
            if (value.length() >= 55
                    && isHex(value, 0, 2)
                    && !value.startsWith("ff")
                    && value.charAt(2) == '-'
                    && isHex(value, 3, 35)
                    && value.charAt(35) == '-'
                    && isHex(value, 36, 52)
                    && value.charAt(52) == '-'
                    && isHex(value, 53, 55)
                    && (value.length() == 55 || (!value.startsWith("00") && value.charAt(55) == '-'))) {
                String trace = value.substring(3, 35);
                String parent = value.substring(36, 52);
                if (!trace.equals(ZERO_TRACE) && !parent.equals(ZERO_SPAN)) {
                    return new TraceContext(trace, span, value.substring(53, 55));
                }
            }
        }
        return new TraceContext(newTraceId(System.currentTimeMillis() / 1000, random), span, "01");
    }

    /**
     * Returns a new trace id: 8 hex digits of the Unix time in seconds, then 24 random ones (as AWS X-Ray does, and
     * W3C trace context allows). The time in front tells an operator when the trace began, and lets a B-tree index of
     * trace ids (PostgreSQL's journal; SQLite's before store version 8) grow at its end instead of at random places:
     * an index of purely random keys rewrites one page per new row. Twelve random bytes are still far more than a
     * collision would need.
     */
    static String newTraceId(long epochSeconds, RandomGenerator random) {
        return HEX.toHexDigits((int) epochSeconds) + randomHex(12, random);
    }

    /** Returns the {@code traceparent} header value to send upstream. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String randomHex(int bytes, RandomGenerator random) {
        byte[] raw = new byte[bytes];
        do {
            for (int i = 0; i < bytes; i++) {
                raw[i] = (byte) random.nextInt(256);
            }
        } while (allZero(raw));
        return HEX.formatHex(raw);
    }

    private static boolean allZero(byte[] raw) {
        for (byte b : raw) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
