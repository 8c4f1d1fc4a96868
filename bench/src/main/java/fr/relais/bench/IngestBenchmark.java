package fr.relais.bench;

import fr.relais.bench.profile.HubProfile;
import fr.relais.bench.profile.ThreadGroups;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.ingest.MqttSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated nodes publish QoS 1 telemetry through mosquitto (the development configuration)
 * twice: once into the hub, started here on a fresh database, and once into a bare subscriber.
 * The hub's rate, once warm, is judged against that raw pipe, and what it stored is counted in its
 * database.
 * The hub goes first: a database it refuses is reported before minutes are spent on the pipe.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Telemetry from simulated nodes through mosquitto into the hub, and into a bare subscriber.",
                "Prints: ingest: sent=N stored=N lost=N duplicates_dropped=N msgs_per_s=X raw_pipe_msgs_per_s=Y"
                        + " ratio=R p99_latency_ms=L dead_letters=D db_restarts=K cold_msgs_per_s=C db_mb=M",
                "msgs_per_s is the warm hub's (after unmeasured passes through it); cold_msgs_per_s the first"
                        + " pass's, on a hub just started. db_mb: the database's size after the run (MiB).",
                "With --no-raw, raw_pipe_msgs_per_s and ratio are printed as n/a.",
                "With --profile FILE, lines starting with 'profile:' follow: a summary of the recording.",
                "Exit status 0 only if nothing was lost; 2 if the hub refused the database."})
final class IngestBenchmark implements Callable<Integer> {
    /**
     * Threads publishing for all the nodes. Two keep the clients' windows full on this project's
     * two-core machines; more only take CPU from mosquitto and the hub on such a machine.
     */
    static final int PUBLISHING_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    /** Readings per node in the unmeasured warm-up pass: about 40 000 with the default 200 nodes. */
    private static final long WARM_UP_PER_NODE = 200;

    @Option(names = "--nodes", defaultValue = "200", description = "Simulated nodes, one MQTT client each (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--messages-per-node", defaultValue = "2000",
            description = "Telemetry messages per node and phase (default ${DEFAULT-VALUE}: 400 000 in all with 200 nodes).")
    long messagesPerNode;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The hub's database, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
                    + " (default: a new SQLite file in the work folder).")
    String db;

    @Option(names = "--restart-db", paramLabel = "N", defaultValue = "0",
            description = "Restart the hub's database N times while the hub ingests (default ${DEFAULT-VALUE}),"
                    + " with --restart-command: the hub must store everything, nothing in the dead letters.")
    int restartDb;

    @Option(names = "--restart-command", paramLabel = "CMD",
            description = "The shell command that restarts the database and returns once it is back, e.g."
                    + " 'systemctl restart postgresql' or 'runuser -u postgres -- pg_ctl -D DIR -w -m fast restart'.")
    String restartCommand;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder for the broker's and the database's files (default: a temporary folder, removed after a run that lost nothing).")
    Path work;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Seconds allowed for each phase, publishing and storing (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--pacing-window", paramLabel = "N", defaultValue = "" + Pacing.DEFAULT_WINDOW,
            description = "The publishers stay at most N messages ahead of what the hub stored (the bare subscriber"
                    + " received), well below the broker's queue limit per session, beyond which it drops"
                    + " (default ${DEFAULT-VALUE}).")
    long pacingWindow;

    @Option(names = "--no-raw",
            description = "Skip the raw pipe phase (for a long run that is about the hub: time and database size);"
                    + " raw_pipe_msgs_per_s and ratio are then printed as n/a.")
    boolean noRaw;

    /**
     * The raw pipe is mosquitto and a bare subscriber with the hub's own MQTT client: since the hub
     * left Paho for Vert.x MQTT, a bare Paho subscriber (the reference when issue 14 was written)
     * receives about 40 % slower than a Vert.x one and would flatter the ratio (1.3 against 0.8).
     */
    @Option(names = "--raw-client", paramLabel = "vertx|paho", defaultValue = "vertx",
            converter = RawClientConverter.class,
            description = "The bare subscriber's MQTT client: vertx (default), the hub's own (Vert.x MQTT), or paho,"
                    + " the agents' client and the reference before the hub left it, which receives slower.")
    RawSubscriber.Client rawClient;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Record the hub phase with JDK Flight Recorder (the JDK's 'profile' settings) into FILE,"
                    + " a .jfr for JDK Mission Control or 'jfr print', and print a summary of it after the line:"
                    + " CPU by thread group, hot methods, allocation, GC pauses, waits.")
    Path profile;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || messagesPerNode < 1 || timeoutSeconds < 1 || pacingWindow < 1) {
            System.err.println("ingest: --nodes, --messages-per-node, --timeout and --pacing-window must be at least 1");
            return 2;
        }
        if (restartDb < 0 || (restartDb > 0) != (restartCommand != null && !restartCommand.isBlank())) {
            System.err.println("ingest: --restart-db N (at least 1) and --restart-command CMD go together");
            return 2;
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("relais-bench-ingest-");
        String databaseUrl = db != null ? db : freshSqlite(dir.resolve("hub.db"));
        // Node ids of their own for each run: in a database that is not new, older rows are not counted.
        String runId = "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        long timeout = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        HubPhase.Figures hub;
        RawPipePhase.Figures raw = null;
        long warmUpPerNode = Math.min(WARM_UP_PER_NODE, messagesPerNode);
        DatabaseRestarts restarts;
        HubProfile recording = profile == null ? HubProfile.NONE
                : new HubProfile(profile, new ThreadGroups(MqttSettings.DEFAULT_CLIENT_ID));
        long started = System.nanoTime();
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"));
             NodeFleet fleet = NodeFleet.connect(broker.url(), runId, nodes)) {
            warmUp(fleet, timeout);
            restarts = new DatabaseRestarts(restartCommand, restartDb);
            hub = new HubPhase(broker, fleet, databaseUrl, messagesPerNode, warmUpPerNode, pacingWindow,
                    PUBLISHING_THREADS, timeout, restarts, recording).run();
            if (!noRaw) {
                raw = new RawPipePhase(broker, fleet, runId + "-raw", messagesPerNode, pacingWindow,
                        PUBLISHING_THREADS, timeout, recording, rawClient).run();
            }
        } catch (HubPhase.HubRefusedException e) {
            System.err.println("ingest: " + e.getMessage());
            if (work == null) {
                WorkFolder.delete(dir);
            }
            return 2;
        } catch (IllegalStateException e) {
            // A broker that is missing or a hub that never connects: the reason, not a stack trace.
            System.err.println("ingest: " + e.getMessage() + " (files kept in " + dir + ")");
            return 1;
        }
        // What the warm-up pass lost counts too: nothing may be lost, measured or not.
        long lost = Math.max(0, hub.pass().sent() - hub.stored()) + hub.warmUp().lost();
        System.out.println(line(hub, raw, lost));
        printProfile(recording);
        restarts.failures().forEach(failure -> System.err.println("ingest: the database did not restart: " + failure));
        boolean complete = explain(hub, raw, (System.nanoTime() - started) / 1e9, dir);
        if (lost == 0 && complete && work == null) {
            WorkFolder.delete(dir);
        }
        boolean restarted = hub.databaseRestarts() == restartDb;
        if (!restarted) {
            System.err.printf("ingest: the database was restarted %d times of the %d asked%n", hub.databaseRestarts(),
                    restartDb);
        }
        return lost == 0 && complete && restarted && hub.deadLetterRows() == 0 ? 0 : 1;
    }

    /**
     * A short pass before anyone subscribes, which the broker acknowledges and drops. It compiles
     * the publishers' code (codec, Paho) before the first measured pass: otherwise the hub, measured
     * first, would pay for warming up the load generator and the raw pipe would not. The hub's
     * own warm-up passes come later, through the started hub ({@link HubPhase}).
     */
    private void warmUp(NodeFleet fleet, long timeout) throws InterruptedException {
        // Not paced: nobody subscribes yet, the broker drops these at once.
        fleet.publish(Math.min(WARM_UP_PER_NODE, messagesPerNode), 1, PUBLISHING_THREADS, System.nanoTime() + timeout,
                Pacing.NONE);
    }

    /**
     * The line. Its fields and their order are quoted by the README and by scripts: new ones go at
     * its end. Without a raw pipe phase (--no-raw), its rate and the ratio are n/a.
     */
    static String line(HubPhase.Figures hub, RawPipePhase.Figures raw, long lost) {
        String rawRate = raw == null ? "n/a" : String.format(Locale.ROOT, "%.0f", raw.perSecond());
        String ratio = raw == null ? "n/a" : String.format(Locale.ROOT, "%.2f",
                raw.perSecond() > 0 ? hub.perSecond() / raw.perSecond() : 0);
        return String.format(Locale.ROOT, "ingest: sent=%d stored=%d lost=%d duplicates_dropped=%d msgs_per_s=%.0f"
                        + " raw_pipe_msgs_per_s=%s ratio=%s p99_latency_ms=%d dead_letters=%d db_restarts=%d"
                        + " cold_msgs_per_s=%.0f db_mb=%.1f",
                hub.pass().sent(), hub.stored(), lost, hub.duplicatesDropped(), hub.perSecond(), rawRate, ratio,
                Percentiles.of(hub.latencies(), 99), hub.deadLetterRows(), hub.databaseRestarts(),
                hub.warmUp().perSecond(), hub.dbBytes() / (1024.0 * 1024.0));
    }

    /** The details behind the line, on stderr; false if a phase did not send or receive everything. */
    private boolean explain(HubPhase.Figures hub, RawPipePhase.Figures raw, double seconds, Path dir) {
        long planned = nodes * messagesPerNode;
        HubPhase.WarmUp warm = hub.warmUp();
        System.err.printf(Locale.ROOT, "ingest: %d nodes x %d messages, %d publishing threads, %.0f s in all;"
                        + " hub: %.1f s, %d publish retries, %d dead letters, p50 %d ms,"
                        + " its threads' CPU %.1f s MQTT + %.1f s writer = %.0f us per message;"
                        + " raw pipe: %s%n",
                nodes, messagesPerNode, PUBLISHING_THREADS, seconds, hub.seconds(), hub.pass().failures(),
                hub.deadLetters(), Percentiles.of(hub.latencies(), 50), hub.cpu().mqttNanos() / 1e9,
                hub.cpu().writerNanos() / 1e9, hub.cpu().microsPerMessage(hub.stored()), raw == null
                        ? "not run (--no-raw)"
                        : String.format(Locale.ROOT, "%s subscriber, received=%d in %.1f s, %d publish retries,"
                        + " p50 %d ms, p99 %d ms", rawClient.wire(), raw.received(), raw.seconds(), raw.pass().failures(), Percentiles.of(raw.latencies(), 50),
                        Percentiles.of(raw.latencies(), 99)));
        System.err.printf(Locale.ROOT, "ingest: before the measured pass, %d warm-up pass(es) through the hub just"
                        + " started (not in the figures): %d readings, %d stored; the first, on cold code: %d in %.1f s"
                        + " = %.0f msgs/s (cold_msgs_per_s); JIT compiling during the measured pass: %.1f s;"
                        + " publishers paced to at most %d messages ahead of the receiver: waited %d times in the hub"
                        + " phase, %s in the raw pipe; database %.1f MiB after the run (%s)%n",
                warm.passes(), warm.sent(), warm.stored(), warm.first().sent(), warm.firstSeconds(), warm.perSecond(),
                hub.jitMillis() / 1e3, pacingWindow, hub.pass().pacedWaits(),
                raw == null ? "-" : String.valueOf(raw.pass().pacedWaits()), hub.dbBytes() / (1024.0 * 1024.0),
                db == null ? "SQLite file + WAL" : "PostgreSQL: pg_total_relation_size of telemetry");
        boolean complete = true;
        if (warm.lost() > 0) {
            System.err.printf("ingest: the warm-up passes lost %d of their %d readings (counted in lost)%n",
                    warm.lost(), warm.sent());
        }
        boolean rawComplete = raw == null || raw.pass().complete();
        if (!hub.pass().complete() || !rawComplete) {
            System.err.printf("ingest: the time allowed (--timeout) ran out before the broker acknowledged all %d"
                    + " messages: %d in the hub phase, %s in the raw pipe phase%n", planned, hub.pass().sent(),
                    raw == null ? "-" : String.valueOf(raw.pass().sent()));
            complete = false;
        }
        if (!hub.arrivals().reached()) {
            System.err.printf("ingest: the hub had stored %d of %d %s%n", hub.arrivals().count(), hub.pass().sent(),
                    hub.arrivals().shortfall());
        }
        if (raw != null && !raw.arrivals().reached()) {
            System.err.printf("ingest: the bare subscriber had received %d of %d %s%n", raw.received(),
                    raw.pass().sent(), raw.arrivals().shortfall());
            complete = false;
        }
        if (!complete || hub.stored() < hub.pass().sent() || warm.lost() > 0) {
            System.err.println("ingest: the run's files are kept in " + dir);
        }
        return complete;
    }

    /** The recording's summary after the line; a recording that cannot be read is said, not thrown. */
    private static void printProfile(HubProfile recording) {
        try {
            recording.summary().forEach(System.out::println);
        } catch (IOException | RuntimeException e) {
            System.err.println("ingest: the recording " + recording.file() + " could not be read: " + e);
        }
    }

    /** {@code --raw-client}: paho or vertx, said plainly when it is neither. */
    static final class RawClientConverter implements picocli.CommandLine.ITypeConverter<RawSubscriber.Client> {
        @Override
        public RawSubscriber.Client convert(String value) {
            for (RawSubscriber.Client client : RawSubscriber.Client.values()) {
                if (client.wire().equals(value)) {
                    return client;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("--raw-client must be paho or vertx, got '" + value
                    + "'");
        }
    }

    /** A new SQLite file: one left by an earlier run in the same folder is removed first. */
    private static String freshSqlite(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
