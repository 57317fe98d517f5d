package io.switchboard.health;

/**
 * One reason for a lamp's colour, in words an operator reads on the wall.
 *
 * @param lamp the colour this reason asks for
 * @param source the signal it comes from, by the name the API shows: switch, schedule, circuit-breaker, check,
 *     resource or objective
 * @param text the reason, such as "closed until Mon 09:00 Europe/Moscow"
 */
public record LampReason(Lamp lamp, String source, String text) {}
