package io.switchboard.policy.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a schedule is open at one instant, when that changes, and why, in words for lamps and the admin API.
 *
 * @param open whether calls pass
 * @param nextChange the next opening when closed, the next closing when open; null when there is none within the
 *     engine's horizon (open for good, or never opening again)
 * @param reason a human reason such as {@code closed until Mon 09:00 Europe/Moscow} or {@code open until 21:00
 *     Europe/Moscow}
 */
public record ScheduleStatus(boolean open, @Nullable Instant nextChange, String reason) {}
