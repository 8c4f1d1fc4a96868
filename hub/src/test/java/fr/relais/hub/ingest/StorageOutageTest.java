package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.PrivatePostgres;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's database fails while a node's messages come through a real Mosquitto: PostgreSQL
 * restarted, an SQLite file that cannot be written, an SQLite file locked by another writer.
 * Every message sent is stored once when the database is back, none in the dead letters, and the
 * hub said meanwhile that its storage failed.
 */
class StorageOutageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private MqttClient node;
    private long seq = 1;

    @AfterEach
    void disconnect() throws MqttException {
        if (node != null) {
            node.disconnectForcibly();
            node.close();
        }
    }

    /** The node's state and birth, from a client of its own: HubUnderTest's keeps Paho's window of 10. */
    private void announce(MosquittoProcess broker) throws Exception {
        node = new MqttClient(broker.url(), "outage-node", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1_000);
        node.connect(options);
        publish(Topic.Kind.STATE, codec.encode(Messages.state(Presence.ONLINE, 1)));
        publish(Topic.Kind.BIRTH, codec.encode(Messages.birth(0, 1, "printer-1")));
    }

    private void publish(Topic.Kind kind, byte[] payload) throws MqttException {
        node.publish(Topic.of(kind, Messages.SITE, Messages.NODE).path(), payload, 1, false);
    }

    /** Sends readings, each acknowledged by the broker (QoS 1) before the next. */
    private void send(HubUnderTest hub, int readings) throws Exception {
        for (int i = 0; i < readings; i++) {
            publish(Topic.Kind.TELEMETRY, codec.encode(Messages.telemetry(seq++, "printer-1", Health.OK, 50)));
        }
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** {@code relais_storage_failing} as {@code /metrics} writes it (read in the hub's process). */
    private static double failing(HubUnderTest hub) {
        for (String line : hub.hub().metrics().scrape().split("\n")) {
            if (line.startsWith("relais_storage_failing ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no relais_storage_failing in /metrics");
    }

    /** After the outage: all stored once, no dead letter, the outage told and over. */
    private void assertStoredOnceAfterAnOutage(HubUnderTest hub, String url) throws Exception {
        long expected = seq - 1;
        await().atMost(PATIENCE).until(() -> count(url, "telemetry") == expected && failing(hub) == 0);
        assertThat(count(url, "telemetry")).as("each reading once: msg_id is unique").isEqualTo(expected);
        assertThat(count(url, "dead_letters")).isZero();
        // The API may answer one 500 while its own connection is replaced.
        JsonNode ingest = await().atMost(PATIENCE).ignoreExceptions().until(() -> hub.api().json("/api/ingest"),
                json -> json.path("queued").asInt() == 0);
        assertThat(ingest.path("sinceStart").path("deadLetters").asLong()).isZero();
        assertThat(ingest.path("sinceStart").path("storageRetries").asLong()).isPositive();
        JsonNode storage = ingest.path("storage");
        assertThat(storage.path("failing").asBoolean()).isFalse();
        assertThat(storage.path("outages").asLong()).isPositive();
        assertThat(storage.path("lastRecoveredAt").asText()).isNotBlank();
        assertThat(storage.path("lastError").asText()).isNotBlank();
        assertThat(hub.api().get("/api/health").statusCode()).isEqualTo(200);
    }

    /** The hub-storage-failing alert, recorded once the database takes writes again. */
    private static JsonNode storageAlert(HubUnderTest hub) {
        return await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            for (JsonNode alert : hub.api().json("/api/alerts?state=open")) {
                if (alert.path("rule").asText().equals("hub-storage-failing")) {
                    return alert;
                }
            }
            return null;
        }, alert -> alert != null);
    }

    @Test
    void postgresRestartedDuringIngestionLosesNothingAndDeadLettersNothing(MosquittoProcess broker) throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start();
             HubUnderTest hub = HubUnderTest.start(broker.url(), postgres.url())) {
            announce(broker);
            send(hub, 1_000);
            postgres.stop();
            send(hub, 1_000);
            await().atMost(PATIENCE).until(() -> failing(hub) == 1);
            assertThat(hub.api().get("/api/health").statusCode()).as("public: needs no database").isEqualTo(503);
            postgres.up();
            send(hub, 1_000);
            postgres.restart();
            send(hub, 1_000);
            postgres.restart();

            assertStoredOnceAfterAnOutage(hub, postgres.url());
            JsonNode alert = storageAlert(hub);
            assertThat(alert.path("severity").asText()).isEqualTo("critical");
            assertThat(alert.path("message").asText()).startsWith("Stockage du hub en échec : la base de données a refusé");
            // Every role of the hub works again: readers, history, commands, accounts (a new login).
            assertThat(hub.api().json("/api/nodes?site=" + Messages.SITE).get(0).path("state").asText())
                    .isEqualTo("online");
            assertThat(hub.api().get("/api/nodes/" + Messages.NODE + "/telemetry?device=printer-1&metric=tonerPercent")
                    .statusCode()).isEqualTo(200);
            assertThat(hub.api().send("POST", "/api/nodes/" + Messages.NODE + "/commands", "{\"name\":\"ping\"}")
                    .statusCode()).isEqualTo(202);
            assertThat(fr.relais.hub.ApiClient.admin(hub.hub().httpPort()).json("/api/me").path("username").asText())
                    .isNotBlank();
        }
    }

    @Test
    void anSqliteFileThatCannotBeWrittenKeepsTheMessagesUntilItCan(MosquittoProcess broker) throws Exception {
        Path file = dir.resolve("hub.db");
        String url = Database.sqliteUrl(file);
        try (HubUnderTest hub = HubUnderTest.start(broker.url(), url)) {
            announce(broker);
            send(hub, 500);
            await().atMost(PATIENCE).until(() -> count(url, "telemetry") == 500);
            // As root, permissions do not stop a write; the immutable attribute does, even through
            // the file descriptors the hub already holds (EPERM): what a read-only disk does.
            List<Path> files = new ArrayList<>();
            for (String suffix : new String[] {"", "-wal"}) {
                Path part = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(part)) {
                    files.add(part);
                }
            }
            chattr("+i", files);
            try {
                send(hub, 500);
                await().atMost(PATIENCE).until(() -> failing(hub) == 1);
                assertThat(count(url, "telemetry")).as("nothing stored meanwhile").isEqualTo(500);
            } finally {
                chattr("-i", files);
            }
            send(hub, 100);
            assertStoredOnceAfterAnOutage(hub, url);
        }
    }

    @Test
    void anSqliteFileLockedByAnotherWriterKeepsTheMessagesUntilItIsReleased(MosquittoProcess broker) throws Exception {
        Path file = dir.resolve("busy.db");
        String url = Database.sqliteUrl(file);
        try (HubUnderTest hub = HubUnderTest.start(broker.url(), url)) {
            announce(broker);
            send(hub, 100);
            await().atMost(PATIENCE).until(() -> count(url, "telemetry") == 100);
            try (Connection other = DriverManager.getConnection(url); Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                send(hub, 300);
                // The hub's busy timeout (10 s) runs out: SQLITE_BUSY, the storage's fault.
                await().atMost(PATIENCE).until(() -> failing(hub) == 1);
                lock.execute("ROLLBACK");
            }
            assertStoredOnceAfterAnOutage(hub, url);
        }
    }

    @Test
    void aMessageWhoseContentTheDatabaseRefusesIsTheOnlyDeadLetter(MosquittoProcess broker) throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
             HubUnderTest hub = HubUnderTest.start(broker.url(), database.url())) {
            announce(broker);
            send(hub, 10);
            // PostgreSQL's text cannot hold U+0000 (SQLSTATE 22021): the message's own fault.
            Birth birth = Messages.birth(seq++, 2, "printer-1");
            Birth refused = new Birth(birth.envelope(), birth.bdSeq(), birth.site(), birth.agent(),
                    List.of(new Birth.DeviceInfo("printer-1", DeviceKind.PRINTER, "Imprimante\u0000", false)));
            publish(Topic.Kind.BIRTH, codec.encode(refused));
            send(hub, 10);
            await().atMost(PATIENCE).until(() -> count(database.url(), "telemetry") == 20
                    && count(database.url(), "dead_letters") == 1);
            JsonNode deadLetter = hub.api().json("/api/dead-letters").get(0);
            assertThat(deadLetter.path("reason").asText()).startsWith("the database refused what it holds");
            assertThat(hub.api().json("/api/ingest").path("storage").path("outages").asLong())
                    .as("not a storage failure").isZero();
        }
    }

    @Test
    void aFullDiskKeepsTheMessagesUntilSpaceIsFreed(MosquittoProcess broker) throws Exception {
        // A small filesystem of the test's own (tmpfs: root has no reserved blocks there), filled up.
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=8m", "relais-test-full-disk", disk.toString());
        try {
            Path file = disk.resolve("hub.db");
            String url = Database.sqliteUrl(file);
            try (HubUnderTest hub = HubUnderTest.start(broker.url(), url)) {
                announce(broker);
                send(hub, 200);
                await().atMost(PATIENCE).until(() -> count(url, "telemetry") == 200);
                Path filler = disk.resolve("filler");
                fill(filler);
                try {
                    send(hub, 2_000);
                    await().atMost(PATIENCE).until(() -> failing(hub) == 1);
                } finally {
                    Files.delete(filler);
                }
                assertStoredOnceAfterAnOutage(hub, url);
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    /** Writes until the filesystem says it is full (ENOSPC). */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output
                    + " (this test mounts a small tmpfs: it needs root)");
        }
    }

    private static void chattr(String change, List<Path> files) throws IOException, InterruptedException {
        for (Path file : files) {
            Process process = new ProcessBuilder("chattr", change, file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new AssertionError("chattr " + change + " " + file + " failed: " + output + " (this test needs"
                        + " root, `sudo apt-get install e2fsprogs`, and a temporary folder on ext2/3/4)");
            }
        }
    }
}
