package io.switchboard.journal;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.CredentialsConfig;
import io.switchboard.config.JournalConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.TokenConfig;
import io.switchboard.journal.mask.Masker;
import io.switchboard.store.DetailBlock;
import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.ExchangeStore;
import io.switchboard.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal: hands out a {@link Capture} per proxied exchange, takes the masked records into a bounded queue, and
 * writes them to the store from one background thread in batches. The proxy never waits on it: when the writer falls
 * behind, bodies are dropped first, then records are sampled, and every drop is counted.
 */
public final class Journal implements AutoCloseable {
    /** Past this share of the queue, records are kept without bodies. */
    static final double BODIES_OFF = 0.5;

    /** Past this share of the queue, one record in {@value #SAMPLE_ONE_IN} is kept (without bodies). */
    static final double SAMPLING = 0.8;

    static final int SAMPLE_ONE_IN = 10;

    /** How long the writer keeps a batch open for more records, and waits between looks at an empty queue. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * How long the writer waits between looks at the queue while a batch is open. It renders each record as it takes
     * it, so its work comes in slices of a few dozen records instead of one burst per batch (see {@link #drain}). Each
     * look costs a wake-up (a timer and a futex, dear on a virtual machine): at 0.5 ms they were about a fifth of the
     * writer's CPU; at 2 ms the writer spent ~1 µs a record less for the same throughput.
     */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Clock clock;
    private final ExchangeIds ids;
    private final StoreAccess access;
    // Lock-free, bounded by the count beside it. An ArrayBlockingQueue took its lock twice per record on the event loop
    // (its size for admission, then the offer), against the writer draining a whole batch under that lock, and an
    // offer signalled the writer when it waited in poll. Here queueing is a few atomic operations and never a wake-up.
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong droppedBodies = new AtomicLong();
    private final AtomicLong droppedRecords = new AtomicLong();
    // The records the writer has taken from the queue and not yet written or dropped; only the writer sets it. With
    // queued, all that flush waits for: no second counter for the event loop to raise per record.
    private volatile int writing;
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicReference<@Nullable Generation> generation = new AtomicReference<>();
    private final Counter bodiesCounter;
    private final Counter recordsCounter;
    private final Thread writer;
    private volatile boolean closed;
    private boolean failing;

    /**
     * A record waiting for the writer: its detail is either in it already (probes) or still in masked parts, which the
     * writer renders (proxied exchanges: rendering is the event loop's work saved).
     */
    private record Queued(ExchangeRecord record, @Nullable MaskedDetail parts) {}

    /** The maskers of one config generation, made on first use per connector. */
    private record Generation(SwitchboardConfig config, ConcurrentHashMap<String, Masker> maskers) {}

    private Journal(
            JournalConfig config, Clock clock, RandomGenerator random, MeterRegistry registry, StoreAccess access) {
        this.clock = clock;
        this.ids = new ExchangeIds(random);
        this.access = access;
        this.capacity = config.queueSize();
        this.bodiesCounter = Counter.builder("switchboard.journal.dropped")
                .description(
                        "journal records kept without bodies (body) or lost (record) because the writer was behind")
                .tag("what", "body")
                .register(registry);
        this.recordsCounter = Counter.builder("switchboard.journal.dropped")
                .description(
                        "journal records kept without bodies (body) or lost (record) because the writer was behind")
                .tag("what", "record")
                .register(registry);
        Gauge.builder("switchboard.journal.queued", queued, AtomicInteger::get)
                .description("journal records waiting for the writer")
                .register(registry);
        FunctionCounter.builder("switchboard.journal.written", written, AtomicLong::get)
                .description("journal records written to the store")
                .register(registry);
        this.writer = Thread.ofPlatform()
                .name("switchboard-journal-writer")
                .daemon(true)
                .unstarted(this::drain);
    }

    /**
     * Starts the journal's writer.
     *
     * @param config the journal settings at start (the queue size stays as it is until a restart)
     * @param access the store the records go to
     */
    public static Journal start(
            JournalConfig config, Clock clock, RandomGenerator random, MeterRegistry registry, StoreAccess access) {
        Journal journal = new Journal(config, clock, random, registry, access);
        journal.writer.start();
        return journal;
    }

    /**
     * Starts capturing one proxied exchange; call on the request's event loop when it is routed, before its exchange is
     * built (the request body is teed on its way in). Returns null when the journal is off, and then nothing at all is
     * captured.
     *
     * @param config the config the exchange runs under (its journal settings, tokens and the connectors' mask rules)
     * @param target the path and query the caller asked for, unmasked
     */
    public @Nullable Capture begin(SwitchboardConfig config, String target) {
        JournalConfig settings = config.gateway().journal();
        if (!settings.enabled() || closed) {
            return null;
        }
        long timeMicros = micros(clock.instant());
        return new Capture(this, config, settings.bodyLimit().toIntCapped(), ids.next(timeMicros), timeMicros, target);
    }

    /**
     * Records a check or resource probe that ran through a connector's probe pipeline; call from any thread.
     *
     * @param kind {@code check} or {@code resource}
     * @param status the provider's status, or null when no answer came
     * @param latency how long it took, or null when no answer came
     * @param failed whether the probe failed (no answer, an unexpected one, no value in it)
     * @param note the probe's verdict or why it failed (masked here)
     */
    public void probe(
            SwitchboardConfig config,
            ConnectorConfig connector,
            String kind,
            String name,
            String method,
            String target,
            @Nullable Integer status,
            @Nullable Duration latency,
            boolean failed,
            Instant time,
            String note) {
        if (!config.gateway().journal().enabled() || closed || admit() == Admission.DROP) {
            return;
        }
        Masker masker = masker(config, connector);
        long micros = micros(time);
        Long latencyMicros = latency == null ? null : latency.toNanos() / 1000;
        JsonObject detail = new JsonObject()
                .put("probe", kind + "/" + name)
                .put("note", masker.text(note))
                .put("attempts", new JsonArray())
                .put("request", new JsonObject().put("headers", new JsonArray()).putNull("body"))
                .putNull("response");
        offer(new ExchangeRecord(
                ids.next(micros),
                micros,
                kind,
                null,
                null,
                null,
                connector.id(),
                null,
                null,
                method,
                masker.pathAndQuery(target),
                status,
                failed ? "probe-failed" : null,
                status == null ? 0 : 1,
                latencyMicros == null ? 0 : latencyMicros,
                latencyMicros,
                0,
                0,
                detail.encode()));
    }

    /** Returns the journal's counters now. */
    public JournalCounts counts() {
        return new JournalCounts(queued.get(), written.get(), droppedBodies.get(), droppedRecords.get());
    }

    /** Waits until every record queued so far is written (or dropped), or the timeout passes; for tests and shutdown. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // The answer is what the last look saw: asking again after the loop could count a record queued since (a probe
        // on its schedule) and say false for a journal that had just written everything asked of it.
        while (unwritten() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** Stops the writer after it has written what is queued (for at most two seconds). */
    @Override
    public void close() {
        if (!flush(Duration.ofSeconds(2))) {
            LOG.warn("journal stopping with {} records not written", unwritten());
        }
        closed = true;
        writer.interrupt();
    }

    /** How much of a record the queue can take now. */
    enum Admission {
        FULL,
        WITHOUT_BODIES,
        DROP
    }

    /** Decides how much of the next record to keep from the queue's fill level; counts a dropped record. */
    Admission admit() {
        int size = queued.get();
        if (size < capacity * BODIES_OFF) {
            return Admission.FULL;
        }
        if (size < capacity * SAMPLING || sampled.incrementAndGet() % SAMPLE_ONE_IN == 0) {
            return Admission.WITHOUT_BODIES;
        }
        dropRecords(1);
        return Admission.DROP;
    }

    /** Counts a record kept without its bodies. */
    void droppedBody() {
        droppedBodies.incrementAndGet();
        bodiesCounter.increment();
    }

    /** Queues a finished, masked record; never blocks. Returns false (and counts the drop) when the queue is full. */
    boolean offer(ExchangeRecord record) {
        return offer(record, null);
    }

    /** Queues a finished record whose detail the writer renders from {@code parts}; otherwise as the other offer. */
    boolean offer(ExchangeRecord record, @Nullable MaskedDetail parts) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropRecords(1);
            return false;
        }
        queue.offer(new Queued(record, parts));
        return true;
    }

    private void dropRecords(int count) {
        droppedRecords.addAndGet(count);
        recordsCounter.increment(count);
    }

    // Identity on purpose: each config generation is its own object, and comparing two configs by value costs more.
    @SuppressWarnings("ReferenceEquality")
    Masker masker(SwitchboardConfig config, ConnectorConfig connector) {
        Generation current = generation.get();
        if (current == null || current.config() != config) {
            // A new config generation: new maskers, built once per connector on first use.
            current = new Generation(config, new ConcurrentHashMap<>());
            generation.set(current);
        }
        return current.maskers()
                .computeIfAbsent(connector.id(), id -> Masker.of(connector.mask(), secrets(config, connector)));
    }

    /** Returns the values no record may show: the connector's injected credential and every admin token. */
    static List<String> secrets(SwitchboardConfig config, ConnectorConfig connector) {
        List<String> secrets = new ArrayList<>();
        CredentialsConfig credentials = connector.credentials();
        if (credentials != null) {
            String value = credentials.value().value();
            secrets.add(value);
            if (credentials.placement() == CredentialsConfig.Placement.BASIC) {
                secrets.add(Base64.getEncoder()
                        .encodeToString((credentials.name() + ":" + value).getBytes(StandardCharsets.UTF_8)));
            } else if (value.regionMatches(true, 0, "Bearer ", 0, 7) && value.length() > 7) {
                secrets.add(value.substring(7).strip());
            }
        }
        for (TokenConfig token : config.gateway().tokens()) {
            secrets.add(token.secret().value());
        }
        return secrets;
    }

    // Rendering as records are taken, every few milliseconds, rather than a whole batch just before writing it: on the
    // 2-core benchmark host the proxy lost about 5% less throughput to the journal (32 alternating rounds), although
    // the writer wakes more often and spends more CPU. The likely reason (this host hides the counters that would prove
    // it): a batch rendered at once held a core for milliseconds, and the event loop, preempted or starved of the load
    // generator's and upstream's CPU for that long, could not make it up.
    private void drain() {
        List<ExchangeRecord> records = new ArrayList<>(ExchangeStore.MAX_BATCH);
        // The batch's details as the lines of their block, rendered into one buffer kept from batch to batch: a
        // detail's own array, then the block's, then the array handed to Zstandard were three copies of every detail
        // and half of what the writer allocated (5.2 KiB a record before, 2.5 since, in-process).
        JsonText lines = new JsonText();
        long opened = 0;
        // Interrupted means stopping (close() interrupts it): parking would return at once from then on.
        while (!closed && !Thread.currentThread().isInterrupted()) {
            boolean wasEmpty = records.isEmpty();
            take(records, lines);
            if (records.isEmpty()) {
                // Nothing signals the writer, so that queueing a record never costs the event loop a wake-up.
                LockSupport.parkNanos(LINGER_NANOS);
                continue;
            }
            long now = System.nanoTime();
            if (wasEmpty) {
                opened = now;
            }
            // Linger so the batch fills: one transaction of hundreds of rows costs far less per row than many of a few
            // (each commit writes every touched index page again). A crash loses at most this much more.
            if (records.size() < ExchangeStore.MAX_BATCH && now - opened < LINGER_NANOS) {
                LockSupport.parkNanos(SLICE_NANOS);
                continue;
            }
            write(records, lines);
            writing = 0;
            records.clear();
            lines.reset();
        }
    }

    /**
     * Moves queued records into the batch, each with its detail rendered as a line of the batch's block, until the
     * batch is full or the queue empty.
     */
    private void take(List<ExchangeRecord> records, JsonText lines) {
        int taken = 0;
        Queued next;
        while (records.size() < ExchangeStore.MAX_BATCH && (next = queue.poll()) != null) {
            taken++;
            int start = lines.length();
            try {
                lines.ascii(next.record().id()).raw(DetailBlock.ID_END);
                detail(next, lines);
                lines.raw(DetailBlock.LINE_END);
                records.add(next.record());
            } catch (RuntimeException e) {
                // A record the writer cannot render (a bug) is dropped and counted, the others written; the log names
                // the exception only, never a value it might quote.
                lines.truncate(start);
                dropRecords(1);
                LOG.warn(
                        "a journal record was dropped: its detail could not be written ({})",
                        e.getClass().getName());
            }
        }
        // Counted as being written before it stops counting as queued, so that flush never sees neither.
        writing = records.size();
        queued.addAndGet(-taken);
    }

    /**
     * Writes a record's detail as JSON: rendered from its masked parts (proxied exchanges), or the text a probe wrote
     * when it ran.
     */
    private static void detail(Queued queued, JsonText lines) {
        MaskedDetail parts = queued.parts();
        if (parts != null) {
            parts.writeTo(lines);
        } else {
            lines.raw(
                    requireNonNull(queued.record().detail(), "a probe's detail").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Returns how many records are queued or being written: queued read first, as take changes it second. */
    private int unwritten() {
        int waiting = queued.get();
        return waiting + writing;
    }

    private void write(List<ExchangeRecord> records, JsonText lines) {
        try {
            access.store().exchanges().insertBatch(records, new DetailBlock.Lines(lines.buffer(), lines.length()));
            written.addAndGet(records.size());
            if (failing) {
                failing = false;
                LOG.info("journal writes reach the store again");
            }
        } catch (StoreException | RuntimeException e) {
            // Proxying never waits on the store: a batch the store cannot take now is dropped and counted, and the
            // writer goes on with the next.
            dropRecords(records.size());
            if (!failing) {
                failing = true;
                LOG.warn("journal records are dropped while the store cannot take them: {}", e.getMessage());
            }
        }
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
