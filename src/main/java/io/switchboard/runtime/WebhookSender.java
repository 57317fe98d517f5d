package io.switchboard.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.config.WebhookConfig;
import io.switchboard.store.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs recorded events to the configured webhooks, in the background: an event is handed over in a few microseconds
 * and never waits for a receiver. Each delivery is tried up to {@link #MAX_TRIES} times with exponential backoff (4 s,
 * 8 s, 16 s, 32 s: about a minute in all) while the receiver is unreachable, times out or answers 5xx, 408 or 429;
 * other answers end it. At most {@link #MAX_PENDING} deliveries wait at once; past that, new ones are dropped and
 * counted. Results are counted in {@code switchboard_webhook_deliveries_total{result}}: delivered, retried, failed,
 * dropped.
 *
 * <p>A webhook URL may carry a token in its path (Slack's do), so logs show only its scheme and host.
 */
public final class WebhookSender implements AutoCloseable {
    /** Tries per delivery, the first included. */
    public static final int MAX_TRIES = 5;

    /** Deliveries that may wait (queued, in flight or waiting to retry) at once. */
    public static final int MAX_PENDING = 1000;

    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final Supplier<List<WebhookConfig>> webhooks;
    private final Duration firstBackoff;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private final Counter dropped;

    /** One event on its way to one webhook; the body is shared by every webhook the event goes to. */
    private static final class Delivery {
        private final WebhookConfig webhook;
        private final Event event;
        private final byte[] body;

        Delivery(WebhookConfig webhook, Event event, byte[] body) {
            this.webhook = webhook;
            this.event = event;
            this.body = body;
        }

        WebhookConfig webhook() {
            return webhook;
        }

        Event event() {
            return event;
        }

        byte[] body() {
            return body;
        }
    }

    /**
     * Creates the sender.
     *
     * @param webhooks the webhooks in force, asked for each event (a reload changes them)
     * @param firstBackoff the wait before the second try; each later wait doubles
     * @param registry where the delivery counters go
     */
    public WebhookSender(Supplier<List<WebhookConfig>> webhooks, Duration firstBackoff, MeterRegistry registry) {
        this.webhooks = webhooks;
        this.firstBackoff = firstBackoff;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("switchboard-webhooks").daemon(true).factory());
        this.delivered = deliveries(registry, "delivered");
        this.retried = deliveries(registry, "retried");
        this.failed = deliveries(registry, "failed");
        this.dropped = deliveries(registry, "dropped");
        Gauge.builder("switchboard_webhook_pending", pending, AtomicInteger::get)
                .description("Webhook deliveries waiting: queued, in flight or waiting to retry")
                .register(registry);
    }

    /** Returns a sender with the standard backoff: 4 s, doubling. */
    public static WebhookSender standard(Supplier<List<WebhookConfig>> webhooks, MeterRegistry registry) {
        return new WebhookSender(webhooks, Duration.ofSeconds(4), registry);
    }

    private static Counter deliveries(MeterRegistry registry, String result) {
        return Counter.builder("switchboard_webhook_deliveries")
                .description("Webhook deliveries by result: delivered, retried (a try failed, another follows),"
                        + " failed (gave up), dropped (too many waiting)")
                .tag("result", result)
                .register(registry);
    }

    /** Hands an event over for every webhook that wants its kind; returns at once. */
    public void send(Event event) {
        byte[] body = null;
        for (WebhookConfig webhook : webhooks.get()) {
            if (!webhook.wants(event.kind())) {
                continue;
            }
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                dropped.increment();
                LOG.warn(
                        "webhook {}: event {} dropped, {} deliveries are waiting already",
                        webhook.maskedUrl(),
                        event.kind(),
                        MAX_PENDING);
                continue;
            }
            if (body == null) {
                body = WebhookMessage.of(event).toBuffer().getBytes();
            }
            Delivery delivery = new Delivery(webhook, event, body);
            schedule(() -> attempt(delivery, 1), Duration.ZERO, delivery);
        }
    }

    /** Returns the deliveries waiting now. */
    public int pending() {
        return pending.get();
    }

    private void attempt(Delivery delivery, int tryNumber) {
        WebhookConfig webhook = delivery.webhook();
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.uri())
                .timeout(TRY_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "switchboard")
                .header("Switchboard-Event", delivery.event().kind())
                .header("Switchboard-Event-Id", delivery.event().id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        WebhookConfig.SecretHeader secret = webhook.secretHeader();
        if (secret != null) {
            request.header(secret.name(), secret.value().value());
        }
        HttpRequest built;
        try {
            built = request.build();
        } catch (IllegalArgumentException e) {
            // A header the JDK client refuses (such as Host): no try can succeed.
            finish(delivery, tryNumber, "the request cannot be built: " + masked(e.getMessage(), webhook), false);
            return;
        }
        client.sendAsync(built, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                pending.decrementAndGet();
                delivered.increment();
                LOG.debug(
                        "webhook {}: event {} delivered",
                        webhook.maskedUrl(),
                        delivery.event().id());
            } else if (failure == null) {
                int status = response.statusCode();
                finish(delivery, tryNumber, "answered " + status, isWorthRetrying(status));
            } else {
                finish(delivery, tryNumber, describe(failure, webhook), true);
            }
        });
    }

    private static boolean isWorthRetrying(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** Ends a failed try: schedules the next one, or gives up. */
    private void finish(Delivery delivery, int tryNumber, String why, boolean retry) {
        String url = delivery.webhook().maskedUrl();
        if (retry && tryNumber < MAX_TRIES) {
            retried.increment();
            Duration wait = firstBackoff.multipliedBy(1L << (tryNumber - 1));
            LOG.info(
                    "webhook {}: event {} try {} of {} failed ({}); next try in {} s",
                    url,
                    delivery.event().kind(),
                    tryNumber,
                    MAX_TRIES,
                    why,
                    wait.toSeconds());
            schedule(() -> attempt(delivery, tryNumber + 1), wait, delivery);
            return;
        }
        pending.decrementAndGet();
        failed.increment();
        LOG.warn(
                "webhook {}: event {} {} not delivered after {} tries: {}",
                url,
                delivery.event().kind(),
                delivery.event().id(),
                tryNumber,
                why);
    }

    private void schedule(Runnable task, Duration wait, Delivery delivery) {
        try {
            scheduler.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: what has not gone out by now will not.
            pending.decrementAndGet();
            failed.increment();
            LOG.debug(
                    "webhook {}: event {} not sent, shutting down",
                    delivery.webhook().maskedUrl(),
                    delivery.event().id());
        }
    }

    private static String describe(Throwable failure, WebhookConfig webhook) {
        Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause()
                : failure;
        return cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + masked(cause.getMessage(), webhook));
    }

    /** Returns the text with the webhook's URL, should it appear, replaced by its masked form. */
    private static String masked(@Nullable String text, WebhookConfig webhook) {
        if (text == null) {
            return "";
        }
        URI uri = webhook.uri();
        String shown = text.replace(webhook.url().value(), webhook.maskedUrl());
        String path = uri.getRawPath();
        return path == null || path.length() <= 1 ? shown : shown.replace(path, "/***");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        client.shutdownNow();
    }
}
