package io.switchboard.pipeline;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** How an exchange ended: the upstream's response, or an answer a policy or the gateway made itself. */
public sealed interface Outcome {

    /** Returns the HTTP status the caller will see. */
    int status();

    /**
     * The upstream answered; its body is still unread and flows to the caller when the server pipes it.
     *
     * @param response the upstream response, paused until the server pipes it on
     * @param endpoint the base URL of the endpoint that answered
     * @param rewrite how a policy changes the body and headers on the way back (charset conversion), or null to relay
     *     them as they came
     */
    record Upstream(
            HttpClientResponse response,
            String endpoint,
            @Nullable BodyRewrite rewrite) implements Outcome {

        /** Returns the outcome as the upstream sent it, with no rewrite. */
        public Upstream(HttpClientResponse response, String endpoint) {
            this(response, endpoint, null);
        }

        /** Returns a copy whose body and headers {@code next} rewrites (after any rewrite already set). */
        public Upstream rewrittenBy(BodyRewrite next) {
            BodyRewrite first = rewrite;
            if (first == null) {
                return new Upstream(response, endpoint, next);
            }
            return new Upstream(
                    response,
                    endpoint,
                    new BodyRewrite(body -> next.body().apply(first.body().apply(body)), headers -> {
                        first.headers().accept(headers);
                        next.headers().accept(headers);
                    }));
        }

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
     * A change a policy makes to an upstream response on its way to the caller; the server applies it while relaying,
     * so the body still streams.
     *
     * @param body wraps the upstream body stream in the rewritten one
     * @param headers edits the headers sent to the caller (for example Content-Type's charset; the server drops
     *     Content-Length and sends the rewritten body chunked unless the edit sets a new length)
     */
    record BodyRewrite(UnaryOperator<ReadStream<Buffer>> body, Consumer<MultiMap> headers) {}

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
