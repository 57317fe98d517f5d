package io.switchboard.probe;

import io.switchboard.store.CheckResult;
import io.switchboard.store.ResourceReading;
import io.switchboard.store.Severity;
import io.vertx.core.json.JsonObject;

/**
 * Where probe results go beyond memory: the store, for history, and the event log. Every method is called on an event
 * loop and must hand its work on without waiting.
 */
public interface ProbeRecords {

    /** Stores a check's result. */
    void checked(CheckResult result);

    /** Stores a resource's reading. */
    void read(ResourceReading reading);

    /**
     * Records an event about a connector: a check that started or stopped failing, a resource that crossed a threshold.
     *
     * @param kind such as {@link ProbeScheduler#CHECK_FAILED} or {@code threshold-crossed}
     * @param connector the connector's id
     * @param severity how much it matters
     * @param message one human sentence
     * @param details the particulars
     */
    void event(String kind, String connector, Severity severity, String message, JsonObject details);
}
