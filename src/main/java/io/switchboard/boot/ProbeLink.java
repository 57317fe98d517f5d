package io.switchboard.boot;

import io.switchboard.probe.ProbeRecords;
import io.switchboard.probe.ProbeSource;
import io.switchboard.probe.ProbeTarget;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.EventRecorder;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.StoreLink;
import io.switchboard.store.CheckResult;
import io.switchboard.store.ResourceReading;
import io.switchboard.store.Severity;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe scheduler's line to the rest of the gateway: the running connectors with their probe pipelines, and the
 * store and event log its results go to (written in the background, never waited for).
 */
final class ProbeLink implements ProbeSource, ProbeRecords {
    private final LiveRuntime runtime;
    private final StoreLink store;
    private final EventRecorder events;

    ProbeLink(LiveRuntime runtime, StoreLink store, EventRecorder events) {
        this.runtime = runtime;
        this.store = store;
        this.events = events;
    }

    @Override
    public long generation() {
        return runtime.isReady() ? runtime.current().generation() : 0;
    }

    @Override
    public List<ProbeTarget> targets() {
        if (!runtime.isReady()) {
            return List.of();
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (ConnectorRuntime connector : runtime.current().connectors().values()) {
            if (!connector.config().checks().isEmpty()
                    || !connector.config().resources().isEmpty()) {
                targets.add(new ProbeTarget(
                        connector.id(),
                        connector.config().checks(),
                        connector.config().resources(),
                        connector.probePipeline()));
            }
        }
        return targets;
    }

    @Override
    public void checked(CheckResult result) {
        store.write(
                "check result " + result.connector() + "/" + result.check(),
                target -> target.checks().record(result));
    }

    @Override
    public void read(ResourceReading reading) {
        store.write(
                "resource reading " + reading.connector() + "/" + reading.resource(),
                target -> target.resources().record(reading));
    }

    @Override
    public void event(String kind, String connector, Severity severity, String message, JsonObject details) {
        events.record(kind, connector, severity, message, null, details);
    }
}
