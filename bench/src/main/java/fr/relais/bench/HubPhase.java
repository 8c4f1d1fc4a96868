package fr.relais.bench;

import fr.relais.bench.profile.HubProfile;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes' telemetry into the hub, started in this JVM on its own database. The hub's own
 * counters say when it has stored everything; its database says what it stored and how late.
 */
final class HubPhase {
    private static final Logger LOG = LoggerFactory.getLogger(HubPhase.class);
    private static final String HUB_CLIENT_ID = MqttSettings.DEFAULT_CLIENT_ID;
    /** Polling the hub's counters: fine enough for a run of seconds, cheap for the hub. */
    private static final long POLL_MILLIS = 50;
    /** Warm-up passes at most: each is 200 readings per node by default. */
    static final int MAX_WARM_UP_PASSES = 5;
    /** How long the compilers' queue is given to drain after a warm-up pass. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final MosquittoProcess broker;
    private final NodeFleet fleet;
    private final String databaseUrl;
    private final long perNode;
    private final long warmUpPerNode;
    private final long window;
    private final int threads;
    private final long timeoutNanos;
    private final DatabaseRestarts restarts;
    private final HubProfile profile;
    private final JitActivity jit = JitActivity.ofThisJvm();

    /** The hub could not start on the database it was given: nothing was measured. */
    static final class HubRefusedException extends Exception {
        HubRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param seconds   from the first reading published to the hub's counters showing all stored
     * @param latencies milliseconds from each stored reading's {@code ts} to its {@code received_at}
     * @param warmUp    the unmeasured passes through the freshly started hub, before the measured one
     * @param dbBytes   the database's size after the run (see {@link HubDatabase#sizeBytes})
     * @param jitMillis the JIT compilers' time during the measured pass: near 0 on a warm hub
     */
    record Figures(TelemetryPass.Result pass, long stored, long duplicatesDropped, long deadLetters, double seconds,
                   long[] latencies, Arrivals.Outcome arrivals, HubCpu cpu, long deadLetterRows, int databaseRestarts,
                   WarmUp warmUp, long dbBytes, long jitMillis) {
        double perSecond() {
            return seconds > 0 ? stored / seconds : 0;
        }
    }

    /**
     * The unmeasured passes through the freshly started hub, before the measured one. The first
     * runs on cold code (the JIT compiles the hub's paths meanwhile): its rate is what a hub just
     * restarted manages, kept apart from the measured, warm figure.
     *
     * @param first        the first pass
     * @param firstSeconds from its first reading published to the hub's counters showing all taken
     * @param passes       how many passes ran
     * @param sent         their readings acknowledged by the broker, all passes
     * @param stored       those found in the database (nothing may be lost in them either); -1 until read
     * @param lastSeq      the last sequence number they used: the measured pass goes on from there
     * @param taken        what the hub's counters took meanwhile (stored and duplicates dropped)
     */
    record WarmUp(TelemetryPass.Result first, double firstSeconds, int passes, long sent, long stored, long lastSeq,
                  long taken) {
        /** The cold rate: the first pass's. */
        double perSecond() {
            return firstSeconds > 0 ? first.sent() / firstSeconds : 0;
        }

        long lost() {
            return Math.max(0, sent - Math.max(0, stored));
        }

        WarmUp next(long moreSent, long perNode, long takenNow) {
            return new WarmUp(first, firstSeconds, passes + 1, sent + moreSent, stored, lastSeq + perNode, takenNow);
        }

        WarmUp stored(long rows) {
            return new WarmUp(first, firstSeconds, passes, sent, rows, lastSeq, taken);
        }
    }

    /**
     * @param warmUpPerNode readings per node in each unmeasured pass through the started hub
     * @param window        how far the publishers may be ahead of what the hub has stored
     */
    HubPhase(MosquittoProcess broker, NodeFleet fleet, String databaseUrl, long perNode, long warmUpPerNode,
             long window, int threads, long timeoutNanos, DatabaseRestarts restarts, HubProfile profile) {
        this.warmUpPerNode = warmUpPerNode;
        this.window = window;
        this.restarts = restarts;
        this.profile = profile;
        this.broker = broker;
        this.fleet = fleet;
        this.databaseUrl = databaseUrl;
        this.perNode = perNode;
        this.threads = threads;
        this.timeoutNanos = timeoutNanos;
    }

    Figures run() throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        TelemetryPass.Result pass;
        Arrivals.Outcome outcome;
        IngestStatusClient.Status last;
        HubCpu cpu;
        WarmUp warm;
        long jitMillis;
        Path tokens = Files.createTempDirectory("relais-bench-hub-");
        Path tokenFile = tokens.resolve("admin-token");
        try (Hub hub = start(tokenFile)) {
            IngestStatusClient api = new IngestStatusClient(hub.httpPort(), HubAccess.token(tokenFile));
            Files.delete(tokenFile);
            Files.delete(tokens);
            awaitConnected(api);
            fleet.announce();
            // States and births first, so every reading lands on a node the hub knows. The hub's
            // stored counter counts every message it keeps, these two per node included.
            long announced = 2L * fleet.size();
            Arrivals.Outcome known = Arrivals.await(() -> api.get().stored(), announced, deadline, POLL_MILLIS);
            if (!known.reached()) {
                throw new IllegalStateException("the hub stored " + known.count() + " of the " + announced
                        + " states and births of the nodes");
            }
            long baseline = known.count();
            warm = warmUp(api, baseline, deadline);
            long measuredFrom = baseline + warm.taken();
            // Recorded (--profile) over what is measured: publishing and storing, not the start or the reads after.
            profile.begin();
            HubCpu cpuBefore = HubCpu.now(HUB_CLIENT_ID);
            long jitBefore = jit.compileMillis();
            Arrivals.Counter progress = taken(api, measuredFrom);
            restarts.start(progress, fleet.size() * perNode);
            // Numbered on from the warm-up passes: the same nodes, no new birth in between.
            pass = fleet.publish(perNode, warm.lastSeq() + 1, threads, deadline, new Pacing(progress, window));
            LOG.info("hub phase: {} readings acknowledged by the broker in {} s", pass.sent(),
                    seconds(pass.endNanos() - pass.startNanos()));
            outcome = Arrivals.await(progress, pass.sent(), deadline, POLL_MILLIS);
            restarts.close();
            cpu = HubCpu.now(HUB_CLIENT_ID).since(cpuBefore);
            jitMillis = jit.compileMillis() - jitBefore;
            profile.end();
            last = awaitAnswer(api);
        }
        forgetHubSession();
        // Read after the hub has closed, so every batch it took is committed.
        long[] latencies;
        long deadLetterRows;
        long dbBytes;
        try (HubDatabase database = new HubDatabase(databaseUrl)) {
            latencies = database.telemetryLatencies(fleet.nodePrefix(), warm.lastSeq());
            warm = warm.stored(database.telemetryRows(fleet.nodePrefix(), warm.lastSeq()));
            deadLetterRows = database.deadLetters(fleet.nodePrefix());
            dbBytes = database.sizeBytes();
            if (!databaseUrl.startsWith("jdbc:sqlite:")) {
                deleteRun(database);
            }
        }
        double seconds = (outcome.atNanos() - pass.startNanos()) / 1e9;
        return new Figures(pass, latencies.length, last.duplicatesDropped(), last.deadLetters(), seconds, latencies,
                outcome, cpu, deadLetterRows, restarts.done(), warm, dbBytes, jitMillis);
    }

    /**
     * A hub is a long-running service: it is measured warm, as the publishers and the raw pipe
     * are. Its first pass runs on cold code (JIT compilation was about 29 % of the gap to the raw
     * pipe when the hub was measured from its start): its rate is kept as the cold figure. More
     * passes follow while the compilers were busy for more than {@link JitActivity#QUIET_SHARE} of
     * a pass, up to {@link #MAX_WARM_UP_PASSES}. Every pass is stored and checked, none is counted.
     */
    private WarmUp warmUp(IngestStatusClient api, long baseline, long deadline) throws Exception {
        WarmUp warm = null;
        long taken = 0;
        for (int passes = 1; passes <= MAX_WARM_UP_PASSES; passes++) {
            long from = baseline + taken;
            Arrivals.Counter progress = taken(api, from);
            long jitBefore = jit.compileMillis();
            TelemetryPass.Result pass = fleet.publish(warmUpPerNode, (passes - 1) * warmUpPerNode + 1, threads,
                    deadline, new Pacing(progress, window));
            Arrivals.Outcome outcome = Arrivals.await(progress, pass.sent(), deadline, POLL_MILLIS);
            if (!outcome.reached()) {
                throw new IllegalStateException("the hub took " + outcome.count() + " of the " + pass.sent()
                        + " readings of its warm-up pass " + passes + " " + outcome.shortfall());
            }
            long compiled = jit.compileMillis() - jitBefore;
            long wall = outcome.atNanos() - pass.startNanos();
            taken += outcome.count();
            warm = warm == null ? new WarmUp(pass, wall / 1e9, 1, pass.sent(), -1, warmUpPerNode, taken)
                    : warm.next(pass.sent(), warmUpPerNode, taken);
            // The compilers' queue from this pass drains before the next pass or the measured one.
            jit.awaitQuiet(SETTLE_NANOS);
            LOG.info("hub warm-up pass {}: {} readings in {} s, JIT {} ms", passes, pass.sent(), seconds(wall),
                    compiled);
            if (JitActivity.quiet(compiled, wall)) {
                break;
            }
        }
        return warm;
    }

    /**
     * What the hub has taken since its counters read {@code from}. A batch whose commit a restart
     * cut may have been committed all the same: written again, it comes back as duplicates, so
     * progress counts both.
     */
    private static Arrivals.Counter taken(IngestStatusClient api, long from) {
        return new LastKnown(() -> {
            IngestStatusClient.Status status = api.get();
            return status.stored() + status.duplicatesDropped() - from;
        });
    }

    /** A leftover run is no reason to fail one that was measured: said, not thrown. */
    private void deleteRun(HubDatabase database) {
        try {
            database.deleteRun(fleet.site(), fleet.nodePrefix());
        } catch (java.sql.SQLException e) {
            LOG.warn("the rows of nodes {}* stay in {}: {}", fleet.nodePrefix(), Redacted.url(databaseUrl),
                    e.getMessage());
        }
    }

    private Hub start(Path tokenFile) throws HubRefusedException {
        try {
            return Hub.start(new HubConfig("127.0.0.1", 0, databaseUrl,
                    new MqttSettings(broker.url(), HUB_CLIENT_ID, Optional.empty(), Optional.empty()),
                    HubAccess.settings(tokenFile)));
        } catch (Exception e) {
            throw new HubRefusedException("the hub did not start on the database " + Redacted.url(databaseUrl)
                    + ": " + e.getMessage(), e);
        }
    }

    /** The hub's figures, once its API answers again (after a restart, it may need a moment). */
    private static IngestStatusClient.Status awaitAnswer(IngestStatusClient api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return api.get();
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /**
     * A counter read through the hub's API, which cannot answer while the database restarts
     * (credentials are in it): the last count read stands in until it answers again.
     */
    private static final class LastKnown implements Arrivals.Counter {
        private final Arrivals.Counter source;
        private volatile long last;

        LastKnown(Arrivals.Counter source) {
            this.source = source;
        }

        @Override
        public long count() {
            try {
                last = source.count();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("the hub's figures are not available now: {}", e.toString());
            }
            return last;
        }
    }

    private static void awaitConnected(IngestStatusClient api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!api.get().mqttConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not report mqttConnected within 30 s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * The hub's session is persistent: left on the broker, it would make mosquitto queue every
     * message of the raw pipe phase for a hub that is gone, and slow that phase down. Connecting
     * once with a clean session under its client id discards it.
     */
    private void forgetHubSession() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), HUB_CLIENT_ID, new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
            client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        } finally {
            client.close();
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
