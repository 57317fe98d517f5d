package io.switchboard.store;

import java.util.List;

/**
 * The switch states changed after a version, and the version to ask from next time.
 *
 * @param version the highest version seen; pass it to the next {@link SwitchStore#changedSince(long)}
 * @param changed the states changed since the version asked for, oldest change first
 */
public record SwitchChanges(long version, List<SwitchState> changed) {
    public SwitchChanges {
        changed = List.copyOf(changed);
    }
}
