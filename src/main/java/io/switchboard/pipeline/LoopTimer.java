package io.switchboard.pipeline;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot timeout on the calling event loop, cheap to set and to cancel.
 *
 * <p>Every proxied call arms a timeout or two and nearly always cancels them. {@code Vertx.setTimer} keeps each timer
 * in a shared concurrent map, which showed up in profiles as a tenth of the hot path; scheduling on the Netty event
 * loop directly costs one priority-queue insert and remove. The task still runs on the caller's Vert.x context.
 */
public final class LoopTimer {
    private final @Nullable Future<?> scheduled;
    private final long vertxTimer;
    private final @Nullable Vertx vertx;

    private LoopTimer(@Nullable Future<?> scheduled, long vertxTimer, @Nullable Vertx vertx) {
        this.scheduled = scheduled;
        this.vertxTimer = vertxTimer;
        this.vertx = vertx;
    }

    /** Runs {@code task} after {@code delayMillis} on the current context (or a Vert.x timer off a context). */
    public static LoopTimer schedule(Vertx vertx, long delayMillis, Runnable task) {
        ContextInternal context = ContextInternal.current();
        if (context == null || !context.nettyEventLoop().inEventLoop()) {
            return new LoopTimer(null, vertx.setTimer(delayMillis, id -> task.run()), vertx);
        }
        Future<?> future = context.nettyEventLoop()
                .schedule(() -> context.runOnContext(ignored -> task.run()), delayMillis, TimeUnit.MILLISECONDS);
        return new LoopTimer(future, -1, null);
    }

    /** Cancels the timeout if it has not fired. */
    public void cancel() {
        if (scheduled != null) {
            scheduled.cancel(false);
        } else if (vertx != null) {
            vertx.cancelTimer(vertxTimer);
        }
    }
}
