package io.switchboard.boot;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.ProbeRequest;
import io.switchboard.config.ResourceConfig;
import io.switchboard.journal.Journal;
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
    private final Journal journal;

    ProbeLink(LiveRuntime runtime, StoreLink store, EventRecorder events, Journal journal) {
        this.journal = journal;
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
        ConnectorRuntime connector = runtime.isReady() ? runtime.current().connector(result.connector()) : null;
        if (connector != null) {
            for (CheckConfig check : connector.config().checks()) {
                if (check.name().equals(result.check())) {
                    ProbeRequest request = check.request();
                    journal.probe(
                            runtime.current().config(),
                            connector.config(),
                            "check",
                            check.name(),
                            request.method(),
                            request.path() + (request.query() == null ? "" : "?" + request.query()),
                            result.status(),
                            result.latency(),
                            !result.ok(),
                            result.time(),
                            result.message());
                }
            }
        }
    }

    @Override
    public void read(ResourceReading reading) {
        store.write(
                "resource reading " + reading.connector() + "/" + reading.resource(),
                target -> target.resources().record(reading));
        ConnectorRuntime connector = runtime.isReady() ? runtime.current().connector(reading.connector()) : null;
        if (connector != null) {
            for (ResourceConfig resource : connector.config().resources()) {
                if (resource.name().equals(reading.resource())) {
                    ProbeRequest request = resource.request();
                    journal.probe(
                            runtime.current().config(),
                            connector.config(),
                            "resource",
                            resource.name(),
                            request.method(),
                            request.path() + (request.query() == null ? "" : "?" + request.query()),
                            null,
                            null,
                            reading.value() == null,
                            reading.time(),
                            reading.message());
                }
            }
        }
    }

    @Override
    public void event(String kind, String connector, Severity severity, String message, JsonObject details) {
        events.record(kind, connector, severity, message, null, details);
    }
}
