package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.Gpio;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.Mock;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.access.DoorRig;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.device.gpio.GpioBoard;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.db.Database;
import fr.relais.protocol.access.AccessKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coworking door, whole: the hub in its own JVM with its signing key, the project's
 * mosquitto, and a door node (the real agent, in this JVM so that the test can drive Pi4J's mock
 * pins: a Wiegand reader on D0/D1, the strike relay). A manager's actions go through the hub's
 * API; the list is signed by the hub, published in fragments, verified by the agent; a badge is
 * a frame on the pins and a grant is a pulse of the relay. Then the hub and the broker go away:
 * the door keeps deciding, and every decision reaches the hub's access log once they are back.
 */
class CoworkingDoorIT {
    static final String SITE = "praille-it";
    static final String NODE = "praille-porte-pi";
    static final String BADGE_KEY = "system-test-badge-key-0123456789abcdef";
    static final int D0 = 5;
    static final int D1 = 6;
    static final int RELAY = 27;
    static final int CONTACT = 17;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    final AtomicInteger relayPulses = new AtomicInteger();
    /** Cards read at the door so far: each is one decision, and one line of the hub's access log. */
    int reads;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        pi4j.shutdown();
    }

    @Test
    void aBadgeEnrolledThroughTheHubOpensTheDoorOfflineAndEveryDecisionReachesTheLog() throws Exception {
        KeyPair keys = AccessKeys.generate();
        Path keyFile = Files.writeString(dir.resolve("access-signing-key.pem"), AccessKeys.privatePem(keys.getPrivate()));
        int port = MosquittoProcess.freePort();
        String hubDb = Database.sqliteUrl(dir.resolve("hub.db"));
        List<String> withKey = List.of("--access-signing-key", keyFile.toString());
        // Persistent, as in production: the hub's session keeps what arrives while the hub is down.
        MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), port);
        open.add(broker);
        HubProcess hub = HubProcess.start(hubDb, broker.url(), dir.resolve("hub.log"), withKey);
        open.add(hub);
        startDoorNode(broker.url(), keys);
        HubApi api = new HubApi(hub.httpPort());

        // The manager's plan and member.
        String plan = api.post("/api/coworking/plans", """
                {"site":"%s","name":"Résident","kind":"monthly","doors":["porte"],
                 "windows":[{"days":["mon","tue","wed","thu","fri","sat","sun"],"from":"00:00","until":"24:00"}]}
                """.formatted(SITE)).body().path("id").asText();
        JsonNode member = api.post("/api/coworking/members",
                "{\"site\":\"" + SITE + "\",\"name\":\"Camille Martin\",\"planId\":\"" + plan + "\"}").body();
        String memberId = member.path("id").asText();
        assertThat(memberId).isNotBlank();

        // Two cards nobody knows yet: read at the door, refused, offered for enrolment.
        String first = enrol(api, memberId, 12, 3456);
        String second = enrol(api, memberId, 12, 3457);

        // The hub's next list reaches the node: the first card opens the door.
        int pulsesBefore = relayPulses.get();
        readUntil("the first card opens the door", 12, 3456, () -> relayPulses.get() > pulsesBefore);
        await("granted entry in the hub's log and presence").atMost(PATIENCE).until(() ->
                api.get("/api/coworking/presence/now?site=" + SITE).path("items").findValuesAsText("memberId")
                        .contains(memberId));

        // Revoked through the API: refused at the door once the node holds the new list.
        assertThat(api.patch("/api/coworking/badges/" + first, "{\"status\":\"revoked\"}").status()).isEqualTo(200);
        readUntil("the revoked card is refused", 12, 3456,
                () -> log(api).stream().anyMatch(entry -> entry.path("reason").asText().equals("revoked")));
        // Every read so far was a decision (unknown, no list yet, granted, revoked): all are in the log.
        await("every decision so far in the hub's log").atMost(PATIENCE).until(() -> log(api).size() == reads);
        int logged = reads;

        // The hub and the broker go away: the door still decides, on its own, and queues its log.
        hub.close();
        broker.close();
        int pulses = relayPulses.get();
        long queued = queuedDecisions();
        for (int i = 0; i < 3; i++) {
            int granted = relayPulses.get();
            badge(12, 3457);
            long afterGrant = queued + 1;
            await("the second card opens the door offline").atMost(PATIENCE)
                    .until(() -> relayPulses.get() == granted + 1 && queuedDecisions() == afterGrant);
            badge(12, 3456);
            long afterRefusal = queued + 2;
            await("the revoked card is refused offline").atMost(PATIENCE).until(() -> queuedDecisions() == afterRefusal);
            queued = afterRefusal;
        }
        assertThat(relayPulses.get() - pulses).as("the second card opened the door three times offline").isEqualTo(3);

        // Back: every one of the six decisions reaches the hub's access log, once.
        MosquittoProcess back = MosquittoProcess.startPersistent(dir.resolve("broker"), port);
        open.add(back);
        HubProcess hubAgain = HubProcess.start(hubDb, back.url(), dir.resolve("hub.log"), withKey);
        open.add(hubAgain);
        HubApi apiAgain = new HubApi(hubAgain.httpPort());
        await("the decisions made offline reach the hub").atMost(PATIENCE).until(() -> log(apiAgain).size() >= logged + 6);
        List<JsonNode> offline = log(apiAgain).subList(0, log(apiAgain).size() - logged);
        assertThat(offline).hasSize(6);
        assertThat(offline).filteredOn(entry -> entry.path("decision").asText().equals("granted")).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.path("memberId").asText()).isEqualTo(memberId));
        assertThat(offline).filteredOn(entry -> entry.path("reason").asText().equals("revoked")).hasSize(3);
        assertThat(second).isNotEqualTo(first);
    }

    /** Reads a card nobody knows at the door, then claims the hub's last unknown read for the member. */
    private String enrol(HubApi api, String memberId, long facility, long card) throws Exception {
        String label = new BadgeHasher(BADGE_KEY).hash(DoorRig.cardNumber(facility, card)).substring(60);
        JsonNode[] read = new JsonNode[1];
        readUntil("an unknown read of card " + card, facility, card, () -> {
            for (JsonNode unknown : api.get("/api/coworking/unknown-reads?site=" + SITE).path("items")) {
                if (unknown.path("label").asText().equals(label)) {
                    read[0] = unknown;
                    return true;
                }
            }
            return false;
        });
        HubApi.Answer badge = api.post("/api/coworking/members/" + memberId + "/badges",
                "{\"fromUnknownRead\":\"" + read[0].path("id").asText() + "\",\"badgeClass\":\"member\"}");
        assertThat(badge.status()).as(badge.body().toString()).isIn(200, 201);
        assertThat(badge.body().path("label").asText()).isEqualTo(label);
        return badge.body().path("id").asText();
    }

    private static List<JsonNode> log(HubApi api) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/api/coworking/access-log?site=" + SITE + "&limit=1000").path("items").forEach(entries::add);
        return entries;
    }

    private void startDoorNode(String brokerUrl, KeyPair keys) throws Exception {
        Path file = dir.resolve("node").resolve("agent.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                node: %s
                site: {id: %s, name: "Coworking de la Praille", kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 5}
                clock: {source: always-synced}
                badges: {hashKey: %s}
                access: {publicKey: "%s"}
                devices:
                  - id: porte
                    kind: door
                    name: Porte du coworking
                    driver: gpio-door
                    settings: {relay: %d, contact: %d, pulseMillis: 150, debounceMillis: 0}
                  - id: lecteur
                    kind: badge-reader
                    name: Lecteur de l'entrée
                    driver: wiegand
                    settings: {d0: %d, d1: %d, frameTimeoutMillis: 25}
                """.formatted(NODE, SITE, brokerUrl, BADGE_KEY,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), RELAY, CONTACT, D0, D1),
                StandardCharsets.UTF_8);
        EdgeAgent agent = EdgeAgent.start(new ConfigLoader(Map.of()).load(file), Optional.of(file), "system-test",
                DriverRegistry.standard().provide(GpioBoard.class, () -> GpioBoard.borrowing(pi4j,
                        Mock.DIGITAL_INPUT_PROVIDER_ID, Mock.DIGITAL_OUTPUT_PROVIDER_ID)));
        open.add(agent::close);
        await("the door's pins").atMost(PATIENCE).until(() -> io(RELAY).isPresent() && io(D1).isPresent());
        ((DigitalOutput) io(RELAY).orElseThrow()).addListener(event -> {
            if (event.state() == DigitalState.HIGH) {
                relayPulses.incrementAndGet();
            }
        });
        set(D0, true);
        set(D1, true);
        set(CONTACT, false);
    }

    /**
     * Reads the card at each poll until {@code done} holds, checked first: the previous read has
     * had a second to be decided and reported, and frames a second apart never run into one.
     */
    private void readUntil(String what, long facility, long card, Callable<Boolean> done) {
        await(what).atMost(PATIENCE).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (done.call()) {
                        return true;
                    }
                    badge(facility, card);
                    return false;
                });
    }

    /** The door's decisions waiting in the node's outbox (priority lane) for the broker. */
    private long queuedDecisions() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node").resolve("agent.db"));
             ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM outbox_priority"
                     + " WHERE CAST(payload AS TEXT) LIKE '%\"type\":\"access-%'")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** A card on the reader: its 26 bits pulsed on D0 (a 0) and D1 (a 1); each read is one decision. */
    private void badge(long facility, long card) {
        reads++;
        for (boolean one : DoorRig.wiegand26(facility, card)) {
            int line = one ? D1 : D0;
            set(line, false);
            set(line, true);
        }
    }

    private void set(int bcm, boolean high) {
        ((MockDigitalInput) io(bcm).orElseThrow()).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @SuppressWarnings("rawtypes")
    private Optional<Gpio> io(int bcm) {
        return pi4j.registry().all().values().stream()
                .filter(io -> io instanceof Gpio<?, ?, ?> gpio && gpio.address().intValue() == bcm)
                .map(Gpio.class::cast).findFirst();
    }
}
