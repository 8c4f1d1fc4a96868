package fr.relais.hub.metrics;

import fr.relais.hub.ingest.BatchListener;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.write.GuardCounters;
import fr.relais.hub.ingest.write.StoredTotals;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The hub's figures for Prometheus ({@code GET /metrics}). Most are read from the counters the
 * hub already keeps ({@link IngestStats}, {@link StoredTotals}) at scrape time, so ingestion
 * pays nothing more for them; rates (messages stored per second…) are Prometheus' business:
 * {@code rate(relais_ingest_stored_total[1m])}.
 *
 * <p>Two figures come from parts wired after this object: {@link #mqttConnected} and
 * {@link #openAlerts}; until then they read 0.
 */
public final class HubMetrics implements BatchListener {
    /** Prometheus' text exposition format, the one {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer batchCommit;
    private final DistributionSummary batchSize;
    private volatile BooleanSupplier mqttConnected = () -> false;
    private volatile Supplier<Number> openAlerts = () -> 0;

    public HubMetrics(IngestStats stats, StoredTotals totals, IntSupplier queueDepth, int queueCapacity) {
        counter("relais.ingest.received", "Messages received from the broker since the hub started", stats,
                s -> s.snapshot().received());
        counter("relais.ingest.stored", "Messages stored since the hub started", stats,
                s -> s.snapshot().stored());
        counter("relais.ingest.duplicates.dropped", "Redelivered messages recognised by their id and dropped", stats,
                s -> s.snapshot().duplicates());
        counter("relais.ingest.dead.letters", "Messages refused and kept as dead letters since the hub started",
                stats, s -> s.snapshot().deadLetters());
        counter("relais.ingest.stale.states", "Wills or goodbyes of a connection a node had already replaced", stats,
                s -> s.snapshot().staleStates());
        counter("relais.ingest.storage.retries", "Writes retried because the database failed", stats,
                s -> s.snapshot().storageRetries());
        // While the database fails, the writer keeps its batch unacknowledged and tries again: the
        // figures a technician's Prometheus alerts on (the hub's own alert needs the database).
        Gauge.builder("relais.storage.failing", stats, s -> s.storage().failing() ? 1 : 0)
                .description("1 while the database refuses the hub's writes (the messages wait at the broker), else 0")
                .register(registry);
        Gauge.builder("relais.storage.failing.seconds", stats, HubMetrics::failingSeconds)
                .description("How long the database has been refusing the hub's writes, 0 while it works")
                .register(registry);
        counter("relais.storage.outages", "Times the database started refusing the hub's writes since it started",
                stats, s -> s.storage().outages());
        // A gauge, not a counter: a late message fills its hole in and the figure goes down.
        Gauge.builder("relais.sequence.gaps", totals, t -> t.snapshot().seqGaps())
                .description("Holes in the nodes' sequence numbers that no late message has filled, all nodes")
                .register(registry);
        Gauge.builder("relais.stored.rows", totals, t -> t.snapshot().telemetry()).tag("table", "telemetry")
                .description("Rows in the database").register(registry);
        Gauge.builder("relais.stored.rows", totals, t -> t.snapshot().events()).tag("table", "events")
                .description("Rows in the database").register(registry);
        Gauge.builder("relais.stored.rows", totals, t -> t.snapshot().deadLetters()).tag("table", "dead_letters")
                .description("Rows in the database").register(registry);
        // Strong: Micrometer holds a gauge's source weakly, and nothing else holds this lambda.
        Gauge.builder("relais.ingest.queue.depth", queueDepth, IntSupplier::getAsInt).strongReference(true)
                .description("Messages decoded and waiting for the writer").register(registry);
        Gauge.builder("relais.ingest.queue.capacity", () -> queueCapacity)
                .description("When the queue is this full, the hub stops reading from the broker").register(registry);
        Gauge.builder("relais.mqtt.connected", this, metrics -> metrics.mqttConnected.getAsBoolean() ? 1 : 0)
                .description("1 while the hub is connected and subscribed to the broker, else 0").register(registry);
        Gauge.builder("relais.alerts.open", this, metrics -> metrics.openAlerts.get().doubleValue())
                .description("Alerts raised and not yet resolved").register(registry);
        batchCommit = Timer.builder("relais.db.batch.commit")
                .description("Writing and committing one ingestion batch, one transaction; the broker's"
                        + " acknowledgements wait for it")
                .serviceLevelObjectives(millis(1), millis(5), millis(10), millis(25), millis(50), millis(100),
                        millis(250), millis(500), millis(1000), millis(2500), millis(5000), millis(10_000))
                .register(registry);
        batchSize = DistributionSummary.builder("relais.db.batch.size").baseUnit("messages")
                .description("Messages per ingestion batch").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * The figures of the guards against one message poisoning the counters or the storage: what
     * they did, counted when applied.
     */
    public void guards(StoredTotals totals, GuardCounters guards) {
        counter("relais.sequence.resets", "Sequence numberings started afresh, all nodes: a number farther than"
                + " --max-seq-jump from its node's numbering, or a node that lost its counters", totals,
                t -> t.snapshot().seqResets());
        counter("relais.dead.letters.repeats", "Messages received again byte for byte on the same topic (a retained"
                + " garbage state at each resubscription): counted on their dead letter, not kept again", guards,
                GuardCounters::deadLetterRepeats);
        FunctionCounter.builder("relais.dead.letters.deleted", guards, GuardCounters::deadLettersExpired)
                .tag("cause", "retention").description("Dead letters deleted: past their retention, or beyond"
                        + " their node's allowance").register(registry);
        FunctionCounter.builder("relais.dead.letters.deleted", guards, GuardCounters::deadLettersCapped)
                .tag("cause", "per-node-cap").description("Dead letters deleted: past their retention, or beyond"
                        + " their node's allowance").register(registry);
        for (String outcome : new String[] {"stored", "duplicate", "refused"}) {
            FunctionCounter.builder("relais.dead.letters.retried", guards, g -> g.retriedWith(outcome))
                    .tag("outcome", outcome).description("Dead letters retried by an administrator, by outcome")
                    .register(registry);
        }
        counter("relais.site.renames.refused", "Births that named their site otherwise than the registry: logged"
                + " and ignored", guards, GuardCounters::siteRenamesRefused);
    }

    /** Adds figures of a part wired after this object (the doors' access lists). */
    public void bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
        binder.bindTo(registry);
    }

    /** Wires the broker link once it exists. */
    public void mqttConnected(BooleanSupplier connected) {
        this.mqttConnected = connected;
    }

    /**
     * Wires the count of open alerts, read at every scrape on a worker thread (it may query the
     * database). Until wired, {@code relais_alerts_open} is 0: this hub has no alerts yet.
     */
    public void openAlerts(Supplier<Number> count) {
        this.openAlerts = count;
    }

    @Override
    public void committed(int messages, long nanos) {
        batchCommit.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(messages);
    }

    /** Every figure in Prometheus' text format. Reads the suppliers above: call it off the event loop. */
    public String scrape() {
        return registry.scrape();
    }

    private static double failingSeconds(IngestStats stats) {
        Long since = stats.storage().failingSince();
        return since == null ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(description).register(registry);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
