package fr.relais.hub.rollup;

import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestLimits;
import fr.relais.hub.ingest.write.GuardCounters;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.telemetry.DeadLetterRetention;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.hub.telemetry.TelemetryRetention;
import fr.relais.hub.telemetry.TelemetryRollups;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work on telemetry: rolls up the closed minutes and hours, then deletes raw
 * readings past the raw retention and rollups past theirs, and dead letters past theirs. Runs on a worker thread of its own
 * connection, in short transactions, so ingestion goes on meanwhile. Several hubs may run it on
 * one database: the rollups' progress row makes sure each period is rolled up once, and a
 * deletion done twice deletes nothing the second time.
 */
public final class Housekeeping {
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
    static final Duration FIRST_RUN_DELAY = Duration.ofSeconds(5);
    /** Steps (an hour of minutes, a day of hours) per run: a long catch-up is spread over runs. */
    static final int STEPS_PER_RUN = 48;
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    /** What one run did. */
    public record Report(int periodsRolledUp, long rawDeleted, long rollupsDeleted, long deadLettersDeleted) {
    }

    private final Connection connection;
    private final TelemetryRollups rollups;
    private final TelemetryRetention retention;
    private final DeadLetterRetention deadLetterRetention;
    private final IngestLimits limits;
    private final GuardCounters guards;
    private final RetentionSettings settings;
    private final StoredTotals totals;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<RollupJob> jobs = new CopyOnWriteArrayList<>();

    public Housekeeping(Database database, RetentionSettings settings, StoredTotals totals, Clock clock) {
        this(database, settings, IngestLimits.DEFAULT, totals, new GuardCounters(), clock);
    }

    public Housekeeping(Database database, RetentionSettings settings, IngestLimits limits, StoredTotals totals,
                        GuardCounters guards, Clock clock) {
        this.connection = database.housekeeping();
        this.deadLetterRetention = new DeadLetterRetention(connection);
        this.limits = limits;
        this.guards = guards;
        this.rollups = new TelemetryRollups(connection);
        this.retention = new TelemetryRetention(connection);
        this.settings = settings;
        this.totals = totals;
        this.clock = clock;
    }

    /** Adds read models to build at each run, after the telemetry rollups, in the order given. */
    public Housekeeping jobs(List<? extends RollupJob> more) {
        jobs.addAll(more);
        return this;
    }

    /** Runs every {@code period} on a worker thread; returns the Vert.x timer id. */
    public long start(Vertx vertx, Duration period) {
        // The first run soon after the start, not a period later: a catch-up after a stop, or the demo's
        // simulated history, should not wait a minute.
        return vertx.setPeriodic(Math.min(FIRST_RUN_DELAY.toMillis(), period.toMillis()), period.toMillis(), timer -> {
            // A run that takes longer than the period is not doubled; the next tick is skipped.
            if (running.compareAndSet(false, true)) {
                // Not ordered: it must not hold up other blocking work of the hub.
                vertx.executeBlocking(this::run, false).onComplete(done -> {
                    running.set(false);
                    if (done.failed()) {
                        LOG.error("telemetry rollup or retention failed; trying again at the next run", done.cause());
                    }
                });
            }
        });
    }

    /** One run; blocks on the database. Serialised: the connection is this object's alone. */
    public synchronized Report run() throws SQLException, InterruptedException {
        long now = clock.millis();
        int rolled = rollups.run(now, STEPS_PER_RUN);
        rolled += runJobs(now);
        long rawBefore = Math.min(now - settings.raw().toMillis(), rollups.progress("minute"));
        long rawDeleted = retention.raw(rawBefore);
        totals.removedTelemetry(rawDeleted);
        long rollupsBefore = now - settings.rollups().toMillis();
        long rollupsDeleted = retention.rollups("telemetry_minute",
                Math.min(rollupsBefore, rollups.progress("hour")));
        rollupsDeleted += retention.rollups("telemetry_hour", rollupsBefore);
        long deadLettersDeleted = deadLetterRetention.run(now - limits.deadLetterRetention().toMillis());
        totals.removedDeadLetters(deadLettersDeleted);
        guards.expired(deadLettersDeleted);
        Report report = new Report(rolled, rawDeleted, rollupsDeleted, deadLettersDeleted);
        if (rawDeleted > 0 || rollupsDeleted > 0 || deadLettersDeleted > 0) {
            LOG.info("housekeeping: {} periods rolled up, {} raw readings, {} rollups and {} dead letters past"
                    + " retention deleted", rolled, rawDeleted, rollupsDeleted, deadLettersDeleted);
        }
        return report;
    }

    /** Each job in turn; one that fails is logged and tried again at the next run, the others go on. */
    private int runJobs(long now) throws InterruptedException {
        int steps = 0;
        for (RollupJob job : jobs) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("housekeeping stopped");
            }
            try {
                steps += job.run(connection, now, STEPS_PER_RUN);
            } catch (SQLException | RuntimeException e) {
                LOG.error("rollup '{}' failed; trying again at the next run", job.name(), e);
            }
        }
        return steps;
    }
}
