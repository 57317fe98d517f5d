package io.switchboard.pipeline;

import io.vertx.core.Future;
import java.util.List;

/**
 * A connector's policies in order, ending in the terminal stage that calls the upstream.
 *
 * <p>The links between stages are built once per pipeline, so running a request allocates nothing for the chain
 * itself. Each link checks the one-call rule of {@link Policy} and fails the exchange naming the policy that broke it.
 */
public final class Pipeline {
    private final List<Policy> policies;
    private final Chain first;

    private Pipeline(List<Policy> policies, Chain terminal) {
        this.policies = List.copyOf(policies);
        Chain next = guard(this.policies.size(), terminal);
        for (int i = this.policies.size() - 1; i >= 0; i--) {
            next = guard(i, new Stage(this.policies.get(i), next));
        }
        this.first = next;
    }

    /** Returns a pipeline that runs {@code policies} in order and then {@code terminal}. */
    public static Pipeline of(List<Policy> policies, Chain terminal) {
        if (policies.size() >= Long.SIZE) {
            throw new IllegalArgumentException("a pipeline holds at most 63 policies, got " + policies.size());
        }
        return new Pipeline(policies, terminal);
    }

    /** Runs the exchange through every stage. */
    public Future<Outcome> handle(Exchange exchange) {
        return first.proceed(exchange);
    }

    /** Returns the policies in the order they run. */
    public List<Policy> policies() {
        return policies;
    }

    /** Returns the names of the policies in order, for status pages and logs. */
    public List<String> stageNames() {
        return policies.stream().map(Policy::name).toList();
    }

    private Chain guard(int position, Chain stage) {
        if (position == 0) {
            return stage;
        }
        Policy caller = policies.get(position - 1);
        return caller.mayProceedMoreThanOnce()
                ? new RepeatableEntry(position, stage)
                : new OnceEntry(position - 1, caller.name(), stage);
    }

    private record Stage(Policy policy, Chain next) implements Chain {
        @Override
        public Future<Outcome> proceed(Exchange exchange) {
            try {
                return policy.apply(exchange, next);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
    }

    /** The entry into a stage from a policy that must call next at most once. */
    private record OnceEntry(int callerPosition, String callerName, Chain stage) implements Chain {
        @Override
        public Future<Outcome> proceed(Exchange exchange) {
            if (!exchange.markProceeded(callerPosition)) {
                return Future.failedFuture(new IllegalStateException(
                        "policy '" + callerName + "' called next more than once for request " + exchange.requestId()));
            }
            return stage.proceed(exchange);
        }
    }

    /** The entry into a stage from a policy that may repeat (retry): each repeat starts the rest afresh. */
    private record RepeatableEntry(int position, Chain stage) implements Chain {
        @Override
        public Future<Outcome> proceed(Exchange exchange) {
            exchange.forgetProceededFrom(position);
            return stage.proceed(exchange);
        }
    }
}
