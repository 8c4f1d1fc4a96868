package fr.relais.hub.ingest;

import fr.relais.hub.Messages;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Not a test: a by-hand measure of the writer thread's CPU per message (issue 14), fair on a
 * loaded machine because it counts this thread's CPU time only (ThreadMXBean), not wall time.
 * Feeds the bench's telemetry mix (same payload shapes as bench's NodeMessages) through
 * {@link Ingestor#read} and {@link RegistryWriter#write} in batches of {@link fr.relais.hub.ingest.write.IngestWriter#DEFAULT_BATCH_SIZE} on a fresh SQLite
 * file per round. Run: {@code java -cp <hub test classpath> fr.relais.hub.ingest.WriterCpuHarness [rounds] [messages]
 * [postgresql url]}. Given a PostgreSQL URL, each round writes into a fresh schema of that database
 * instead (dropped afterwards), and prints the server's CPU too when it runs on this machine: the
 * postmaster's, its ended children's and its live children's, from /proc.
 */
public final class WriterCpuHarness {
    private static final int NODES = 200;
    private static final int BATCH = fr.relais.hub.ingest.write.IngestWriter.DEFAULT_BATCH_SIZE;
    private static final List<String> DEVICES = List.of("kiosk-1", "printer-1", "probe-1");

    private WriterCpuHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String postgres = args.length > 2 ? args[2] : null;
        MessageCodec codec = new MessageCodec();
        String[] topics = new String[NODES];
        for (int n = 0; n < NODES; n++) {
            topics[n] = Topic.of(Topic.Kind.TELEMETRY, "bench-site-" + n, "bench-node-" + n).path();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] perMessage = new double[rounds];
        double[] readPerMessage = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            byte[][] payloads = new byte[messages][];
            for (int i = 0; i < messages; i++) {
                long seq = 1 + i / NODES;
                payloads[i] = codec.encode(telemetry(seq));
            }
            Path dir = Files.createTempDirectory("writer-cpu");
            String schema = "writer_cpu_" + round + "_" + ProcessHandle.current().pid();
            String url = postgres == null ? Database.sqliteUrl(dir.resolve("hub.db"))
                    : postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            if (postgres != null) {
                try (var connection = java.sql.DriverManager.getConnection(postgres);
                     var statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                }
            }
            try (Database database = Database.open(url)) {
                RegistryWriter writer = new RegistryWriter(database, new IngestStats(), new StoredTotals());
                Ingestor ingestor = new Ingestor(new ArrayBlockingQueue<>(1), new IngestStats(), Clock.systemUTC());
                List<Received> births = new ArrayList<>();
                for (int n = 0; n < NODES; n++) {
                    births.add(new Received.Valid(Topic.of(Topic.Kind.STATE, "bench-site-" + n, "bench-node-" + n),
                            Messages.state(Presence.ONLINE, 1), new byte[0], 1));
                    births.add(new Received.Valid(Topic.of(Topic.Kind.BIRTH, "bench-site-" + n, "bench-node-" + n),
                            Messages.birth(0, 1, DEVICES.toArray(String[]::new)), new byte[0], 1));
                }
                writer.write(births);
                long cpu = threads.getCurrentThreadCpuTime();
                double serverBefore = PostgresCpu.seconds();
                long reading = 0;
                List<Received> batch = new ArrayList<>(BATCH);
                for (int start = 0; start < messages; start += BATCH) {
                    long before = threads.getCurrentThreadCpuTime();
                    for (int i = start; i < Math.min(messages, start + BATCH); i++) {
                        batch.add(ingestor.read(topics[i % NODES], payloads[i], 1_000_000L + i));
                    }
                    reading += threads.getCurrentThreadCpuTime() - before;
                    writer.write(batch);
                    batch.clear();
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                perMessage[round] = cpu / 1000.0 / messages;
                readPerMessage[round] = reading / 1000.0 / messages;
                System.out.printf("round %d: %.2f us of writer-thread CPU per message (decoding %.2f)%s%n", round,
                        perMessage[round], readPerMessage[round], postgres == null ? "" : String.format(
                                "; PostgreSQL server %.2f us", (PostgresCpu.seconds() - serverBefore) * 1e6 / messages));
            } finally {
                if (postgres != null) {
                    try (var connection = java.sql.DriverManager.getConnection(postgres);
                         var statement = connection.createStatement()) {
                        statement.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                }
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.delete(dir);
            }
        }
        double[] sorted = perMessage.clone();
        Arrays.sort(sorted, 1, rounds);
        double[] reads = Arrays.copyOfRange(readPerMessage, 1, rounds);
        Arrays.sort(reads);
        System.out.printf("writer CPU per message: min %.2f us, median %.2f us; decoding min %.2f us, median %.2f us"
                + " (rounds after the first)%n", sorted[1], sorted[1 + (rounds - 1) / 2], reads[0], reads[reads.length / 2]);
    }

    /** The bench's mix: the node's own reading, then one per device, in turn. */
    private static Telemetry telemetry(long seq) {
        int slot = (int) (seq % (DEVICES.size() + 1));
        Optional<String> device = slot == 0 ? Optional.empty() : Optional.of(DEVICES.get(slot - 1));
        Map<String, Object> metrics = switch (slot) {
            case 0 -> Map.of("cpu_temp_c", 48.5 + seq % 7, "disk_free_pct", 71L, "load1", 0.42);
            case 1 -> Map.of("session_active", seq % 3 == 0, "uptime_s", 3_600L + seq);
            case 2 -> Map.of("toner_pct", 64L, "pages_total", 12_000L + seq, "state", "idle");
            default -> Map.of("latency_ms", 20.0 + seq % 11, "loss_pct", 0.0);
        };
        Envelope envelope = new Envelope(MessageIds.next(), seq, Instant.ofEpochMilli(System.currentTimeMillis()),
                ClockConfidence.SYNCED);
        return new Telemetry(envelope, device, Health.OK, metrics);
    }
}
