package fr.relais.bench;

import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.access.AccessKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The list half of {@code ./relais bench access}: mosquitto, the hub (in this JVM) holding a
 * site of N members and badges, and a real agent (its own JVM, the Pi's options) of a door node
 * holding no list yet. A manager's change through the API starts the clock; it stops at the
 * instant the agent stamped on its {@code access-list accepted} report, once it has glued the
 * fragments, checked the signature and stored the list. Both clocks are this machine's.
 */
public final class AccessListSync {
    static final String SITE = "bench-cowork";
    static final String NODE = "bench-door";

    private AccessListSync() {
    }

    /** Milliseconds from the hub's change to the agent's verified list of {@code badges} badges. */
    public static long measure(int badges, Path agentJar, Path jvmOptions) throws Exception {
        Path dir = Files.createTempDirectory("relais-bench-access-");
        int port = MosquittoProcess.freePort();
        KeyPair keys = AccessKeys.generate();
        Path keyFile = dir.resolve("access-signing-key.pem");
        Files.writeString(keyFile, AccessKeys.privatePem(keys.getPrivate()), StandardCharsets.US_ASCII);
        Path hubDb = dir.resolve("hub.db");
        Path tokenFile = dir.resolve("admin-token");
        try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"), port);
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(hubDb),
                     new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()),
                     HubAccess.settings(tokenFile)).withAccessSigningKey(keyFile))) {
            String token = HubAccess.token(tokenFile);
            fill(hubDb, badges);
            Path config = agentConfig(dir, port, keys);
            try (AgentProcess agent = AgentProcess.start(agentJar.toAbsolutePath(), jvmOptions.toAbsolutePath(),
                    dir.resolve("agent.log"), "--config", config.toString())) {
                // The node is known (its birth) and has said it holds no list.
                awaitReport(hubDb, "connected", 0, 60);
                long start = System.currentTimeMillis();
                HttpResponse<String> change = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/coworking/sites/" + SITE + "/settings"))
                        .header("authorization", "Bearer " + token).header("content-type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"timeZone\":\"Europe/Paris\",\"bookingMarginMinutes\":10,\"autoCheckoutAt\":\"00:00\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (change.statusCode() != 200) {
                    throw new IllegalStateException("the site's change was refused: " + change.statusCode() + " "
                            + change.body());
                }
                long verifiedAt = awaitReport(hubDb, "accepted", start, 300);
                return verifiedAt - start;
            }
        } finally {
            WorkFolder.delete(dir);
        }
    }

    /** A plan open all week at the door, and N members with a badge each, as the stores write them. */
    private static void fill(Path hubDb, int badges) throws Exception {
        try (Connection db = DriverManager.getConnection(Database.sqliteUrl(hubDb))) {
            db.createStatement().execute("PRAGMA busy_timeout = 10000");
            db.setAutoCommit(false);
            long now = System.currentTimeMillis();
            db.createStatement().executeUpdate("INSERT INTO coworking_sites (site_id) VALUES ('" + SITE + "')");
            db.createStatement().executeUpdate("INSERT INTO coworking_plans (id, site_id, name, kind, doors, windows,"
                    + " created_at) VALUES ('plan-resident', '" + SITE + "', 'Résident', 'monthly', '[\"porte\"]',"
                    + " '[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"from\":\"07:00\",\"until\":\"21:00\"}]', "
                    + now + ")");
            try (PreparedStatement member = db.prepareStatement("INSERT INTO coworking_members (id, site_id, name,"
                    + " plan_id, status, created_at) VALUES (?, ?, ?, 'plan-resident', 'active', ?)");
                 PreparedStatement badge = db.prepareStatement("INSERT INTO coworking_badges (id, site_id, member_id,"
                         + " badge_hash, label, badge_class, status, enrolled_at) VALUES (?, ?, ?, ?, ?, 'member',"
                         + " 'active', ?)")) {
                HexFormat hex = HexFormat.of();
                for (int i = 0; i < badges; i++) {
                    String id = String.format("m-%05d", i);
                    member.setString(1, id);
                    member.setString(2, SITE);
                    member.setString(3, "Membre " + i);
                    member.setLong(4, now);
                    member.addBatch();
                    String hash = hex.formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(id.getBytes(StandardCharsets.UTF_8)));
                    badge.setString(1, "b-" + id);
                    badge.setString(2, SITE);
                    badge.setString(3, id);
                    badge.setString(4, hash);
                    badge.setString(5, hash.substring(60));
                    badge.setLong(6, now);
                    badge.addBatch();
                }
                member.executeBatch();
                badge.executeBatch();
            }
            db.commit();
        }
    }

    private static Path agentConfig(Path dir, int port, KeyPair keys) throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                node: %s
                site: {id: %s, name: "Coworking d'essai", kind: coworking}
                broker: {url: "tcp://127.0.0.1:%d", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 3600}
                clock: {source: always-synced}
                access: {publicKey: "%s"}
                devices:
                  - id: porte
                    kind: door
                    name: Porte du coworking
                    driver: simulated
                    pollSeconds: 3600
                """.formatted(NODE, SITE, port, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())),
                StandardCharsets.UTF_8);
        return config;
    }

    /** The agent's stamp on its first access-list report with this outcome, stamped at or after {@code since}. */
    private static long awaitReport(Path hubDb, String outcome, long since, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (Connection db = DriverManager.getConnection(Database.sqliteUrl(hubDb));
             PreparedStatement query = db.prepareStatement("SELECT device_ts FROM events WHERE node_id = ? AND"
                     + " type = 'access-list' AND data LIKE ? AND device_ts >= ? ORDER BY device_ts LIMIT 1")) {
            query.setString(1, NODE);
            query.setString(2, "%\"outcome\":\"" + outcome + "\"%");
            query.setLong(3, since);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("no access-list " + outcome + " report from " + NODE + " in " + timeoutSeconds
                + " s");
    }
}
