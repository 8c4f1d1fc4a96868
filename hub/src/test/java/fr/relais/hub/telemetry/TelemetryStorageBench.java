package fr.relais.hub.telemetry;

import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Not a test: a small main that measures what the telemetry table costs as it grows, through the
 * hub's real write path ({@link RegistryWriter}, batches of a thousand messages as the ingestion
 * thread commits them) on a fresh SQLite file. Prints one line per checkpoint: the writer
 * thread's CPU per message (SQLite runs in that thread), the bytes the process wrote per message
 * ({@code /proc/self/io} write_bytes: the WAL and its checkpoints into the database), the files'
 * size, and what a batch of redeliveries (rows already stored, picked at random: each one is a
 * lookup in the id's index that ends in ON CONFLICT DO NOTHING) costs at that size.
 *
 * <p>Run from the test classpath: {@code java -cp … fr.relais.hub.telemetry.TelemetryStorageBench
 * DIR 1000000,5000000 [N]}: with N, then deletes the N oldest readings through the raw retention.
 * Figures, not assertions: they depend on the machine.
 */
public final class TelemetryStorageBench {
    private static final int NODES = 200;
    private static final int BATCH = 1_000;
    private static final List<String> DEVICES = List.of("printer-1", "probe-1", "session-1");

    private final MessageCodec codec = new MessageCodec();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Random random = new Random(14);
    private final long[] most;
    private final long[] least;
    private final Path file;
    private final RegistryWriter writer;
    private final IngestStats stats = new IngestStats();
    private long receivedAt;
    private int stored;

    private TelemetryStorageBench(Path file, Database database, int capacity) {
        this.file = file;
        this.writer = new RegistryWriter(database, stats, new StoredTotals());
        this.most = new long[capacity];
        this.least = new long[capacity];
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Integer> checkpoints = new ArrayList<>();
        for (String checkpoint : args[1].split(",")) {
            checkpoints.add(Integer.parseInt(checkpoint));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("hub.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        try (Database database = Database.open(Database.sqliteUrl(file))) {
            System.out.println("schema: " + schema(database.reader()));
            TelemetryStorageBench bench = new TelemetryStorageBench(file, database, checkpoints.get(checkpoints.size() - 1));
            bench.births();
            bench.insert(BATCH);
            bench.report("dedup_at_1000", bench.replay());
            for (int checkpoint : checkpoints) {
                int count = checkpoint - bench.stored;
                long[] before = bench.sample();
                bench.insert(count);
                bench.report("insert_to_" + checkpoint, bench.since(before, count));
                bench.report("dedup_at_" + checkpoint, bench.replay());
            }
            if (args.length > 2) {
                bench.retention(database, Integer.parseInt(args[2]));
            }
        }
    }

    /**
     * The raw retention ({@link TelemetryRetention#raw}, per node, a thousand rows per transaction)
     * deleting the readings received before the {@code oldest}-th: what a day's deletion costs.
     */
    private void retention(Database database, int oldest) throws SQLException, InterruptedException, IOException {
        long before = receivedAtOf(database.reader(), oldest);
        long[] start = sample();
        long deleted = new TelemetryRetention(database.housekeeping()).raw(before);
        report("retention_of_" + deleted, since(start, deleted));
    }

    private static long receivedAtOf(Connection connection, int index) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT received_at FROM telemetry ORDER BY received_at LIMIT 1"
                     + " OFFSET " + index)) {
            if (!row.next()) {
                throw new IllegalArgumentException("fewer than " + index + " readings stored");
            }
            return row.getLong(1);
        }
    }

    private static String schema(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'telemetry'")) {
            return row.next() ? row.getString(1).replaceAll("\\s+", " ") : "none";
        }
    }

    private void births() throws SQLException {
        List<Received> births = new ArrayList<>();
        List<Birth.DeviceInfo> devices = DEVICES.stream()
                .map(id -> new Birth.DeviceInfo(id, DeviceKind.PROBE, "Appareil " + id, true)).toList();
        for (int node = 0; node < NODES; node++) {
            births.add(valid(Topic.Kind.BIRTH, node, new Birth(new Envelope(MessageIds.next(), 0, Instant.now(),
                    ClockConfidence.SYNCED), 1, new Birth.SiteInfo("Banc", SiteKind.MEDIATION),
                    new Birth.AgentInfo("bench", "bench-1"), devices)));
        }
        writer.write(births);
    }

    /** {@code count} new readings, round robin over the nodes, in batches; ids kept for the replays. */
    private void insert(int count) throws SQLException {
        for (int done = 0; done < count; done += BATCH) {
            List<Received> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < Math.min(BATCH, count - done); i++) {
                UUID id = MessageIds.next();
                most[stored + i] = id.getMostSignificantBits();
                least[stored + i] = id.getLeastSignificantBits();
                batch.add(reading(id, stored + i));
            }
            writer.write(batch);
            stored += batch.size();
        }
    }

    private Received reading(UUID id, int index) {
        int node = index % NODES;
        long seq = index / NODES + 1;
        int slot = (int) (seq % (DEVICES.size() + 1));
        // Stamped now, as the hub does: the ids' UUIDv7 time and received_at must agree, or the
        // retention's pass in id order would find nothing to delete.
        receivedAt = Math.max(receivedAt, System.currentTimeMillis());
        Map<String, Object> metrics = switch (slot) {
            case 0 -> Map.of("cpu_temp_c", 48.5 + seq % 7, "disk_free_pct", 71L, "load1", 0.42);
            case 1 -> Map.of("session_active", seq % 3 == 0, "uptime_s", 3_600L + seq);
            case 2 -> Map.of("toner_pct", 64L, "pages_total", 12_000L + seq, "state", "idle");
            default -> Map.of("latency_ms", 20.0 + seq % 11, "loss_pct", 0.0);
        };
        Optional<String> device = slot == 0 ? Optional.empty() : Optional.of(DEVICES.get(slot - 1));
        return valid(Topic.Kind.TELEMETRY, node, new Telemetry(new Envelope(id, seq,
                Instant.ofEpochMilli(receivedAt - 40), ClockConfidence.SYNCED), device, Health.OK, metrics));
    }

    private Received valid(Topic.Kind kind, int node, Message message) {
        return new Received.Valid(Topic.of(kind, "site-" + node, "node-" + node), message, codec.encode(message),
                receivedAt);
    }

    /** A batch of readings already stored, at random places in the table: every one a duplicate. */
    private long[] replay() throws SQLException {
        List<Received> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int index = random.nextInt(stored);
            batch.add(reading(new UUID(most[index], least[index]), index));
        }
        long duplicates = stats.snapshot().duplicates();
        long[] before = sample();
        writer.write(batch);
        long[] figures = since(before, BATCH);
        if (stats.snapshot().duplicates() - duplicates != BATCH) {
            throw new IllegalStateException("a replayed reading was stored again");
        }
        return figures;
    }

    /** CPU ns of this thread, wall ns, bytes written by the process. */
    private long[] sample() {
        return new long[] {threads.getCurrentThreadCpuTime(), System.nanoTime(), writeBytes()};
    }

    /** Messages, then this thread's CPU ns, wall ns and the bytes written since {@code before}. */
    private long[] since(long[] before, long messages) {
        long[] now = sample();
        return new long[] {messages, now[0] - before[0], now[1] - before[1], now[2] - before[2]};
    }

    private void report(String what, long[] figures) throws IOException {
        long messages = figures[0];
        double cpuSeconds = figures[1] / 1e9;
        System.out.println(String.format(Locale.ROOT, "storage: %s rows=%d messages=%d cpu_us_per_msg=%.2f"
                        + " msgs_per_cpu_s=%.0f msgs_per_wall_s=%.0f written_bytes_per_msg=%.0f db_mb=%.1f wal_mb=%.1f",
                what, stored, messages, figures[1] / 1e3 / messages, messages / cpuSeconds,
                messages / (figures[2] / 1e9), (double) figures[3] / messages, size("") / 1e6, size("-wal") / 1e6));
    }

    private long size(String suffix) throws IOException {
        Path path = Path.of(file + suffix);
        return Files.exists(path) ? Files.size(path) : 0;
    }

    private static long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/io", e);
        }
    }
}
