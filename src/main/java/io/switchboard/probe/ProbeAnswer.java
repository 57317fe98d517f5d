package io.switchboard.probe;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a provider gave a probe: an answer with its body, or no answer at all and why. */
public sealed interface ProbeAnswer {

    /**
     * The provider answered.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type as the probe pipeline passed it on, or null when there was none
     * @param body the body as text (UTF-8 after any charset conversion), at most {@link ProbeCall#BODY_LIMIT} bytes of it
     * @param truncated whether the body was longer and only its start is in {@code body}
     * @param latency from sending the request to the body's last byte
     */
    record Received(int status, @Nullable String contentType, String body, boolean truncated, Duration latency)
            implements ProbeAnswer {}

    /**
     * No usable answer came: the provider was unreachable or too slow, or the gateway refused its answer.
     *
     * @param reason one sentence naming what went wrong
     */
    record Failed(String reason) implements ProbeAnswer {}
}
