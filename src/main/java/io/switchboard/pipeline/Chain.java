package io.switchboard.pipeline;

import io.vertx.core.Future;

/** The rest of a pipeline, as seen from one policy. */
@FunctionalInterface
public interface Chain {

    /** Passes the exchange to the next stage and returns how it ended. */
    Future<Outcome> proceed(Exchange exchange);
}
