package io.switchboard.pipeline;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/** How an exchange ended: the upstream's response, or an answer a policy or the gateway made itself. */
public sealed interface Outcome {

    /** Returns the HTTP status the caller will see. */
    int status();

    /**
     * The upstream answered; its body is still unread and flows to the caller when the server pipes it.
     *
     * @param response the upstream response, paused until the server pipes it on
     * @param endpoint the base URL of the endpoint that answered
     */
    record Upstream(HttpClientResponse response, String endpoint) implements Outcome {
        @Override
        public int status() {
            return response.statusCode();
        }

        /** Returns the response headers as the upstream sent them. */
        public MultiMap headers() {
            return response.headers();
        }

        /**
         * Throws the response away without sending it on, for example before a retry. The body is read and dropped so
         * the connection can go back to the pool.
         */
        public void discard() {
            response.handler((Buffer ignored) -> {});
            response.exceptionHandler(ignored -> {});
            response.resume();
        }
    }

    /**
     * The gateway answers itself.
     *
     * @param problem what is wrong
     * @param producer the name of the policy or stage that produced it (for the journal and the UI)
     */
    record Rejection(Problem problem, String producer) implements Outcome {
        @Override
        public int status() {
            return problem.status();
        }
    }
}
