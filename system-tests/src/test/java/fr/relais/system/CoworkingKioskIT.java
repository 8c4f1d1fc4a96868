package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.localapi.MaintenancePin;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.db.Database;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.access.AccessKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The coworking check-in at the kiosk, across real processes: the hub in its own JVM with its
 * access-signing key and the example territory, the project's mosquitto, the coworking place's
 * agent process with the kiosk's own badge reader ({@code kioskApi.reader}: a serial reader
 * sending lines, on a socat pty the test writes card numbers into), and the real kiosk UI
 * (headless JavaFX, in this JVM) on the coworking screen. The manager enrols the card through the
 * hub's API from the kiosk's unknown read; the signed list reaches the node; the coworker badges
 * and reads the answer on the screen; the hub's presence API says who is in. The technician's exit
 * too: the agent's {@code maintenancePin} and {@code technicianBadges} as provisioning renders them, the
 * card on the same reader, the PIN on the kiosk's pad. The tests share the processes and run in order:
 * the first enrols the member the others use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoworkingKioskIT {
    /** The example territory's coworking place: the hub publishes its content (hours, rooms). */
    static final String SITE = "rozoy-coworking";
    static final String NODE = "rozoy-coworking-pi";
    static final String READER = "lecteur-borne";
    static final String BADGE_KEY = "system-test-badge-key-0123456789abcdef";
    static final String CARD = "0004711234";
    static final String UNKNOWN_CARD = "0009990001";
    /** A technician's card, listed in the agent's kioskApi.technicianBadges by its keyed hash, and the PIN. */
    static final String TECHNICIAN_CARD = "0005550042";
    static final String TECHNICIAN_PIN = "48151623";
    static final String WELCOME = "Bienvenue ! Votre arrivée est enregistrée.";
    static final String GOODBYE = "Au revoir ! Votre départ est enregistré.";
    static final String NOT_RECOGNISED = "Ce badge n'est pas reconnu : adressez-vous à l'accueil.";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Longer than any wait here, so the inactivity wipe never sends the screen home under a test. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** Static: JUnit fills instance fields only before each test, the processes start before all. */
    @TempDir
    static Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    /** The processes' logs, kept after the run for whoever reads a failure (the temporary folder is not). */
    final Path logs = Path.of("target", "coworking-kiosk-it");
    final FxRobot robot = new FxRobot();
    HubApi api;
    SerialReaderPty reader;
    Path linkFile;
    HeadlessKiosk kiosk;
    /** The member enrolled by the first test. */
    String memberId;

    @BeforeAll
    void startTheHubTheBrokerTheAgentAndJavaFx() throws Exception {
        Files.createDirectories(logs);
        KeyPair keys = AccessKeys.generate();
        Path keyFile = Files.writeString(dir.resolve("access-signing-key.pem"), AccessKeys.privatePem(keys.getPrivate()));
        MosquittoProcess broker = MosquittoProcess.startPersistent(dir.resolve("broker"), MosquittoProcess.freePort());
        open.add(broker);
        HubProcess hub = HubProcess.start(Database.sqliteUrl(dir.resolve("hub.db")), broker.url(),
                logs.resolve("hub.log"), List.of("--example-content", "--access-signing-key", keyFile.toString()));
        open.add(hub);
        api = new HubApi(hub.httpPort());
        reader = SerialReaderPty.start(dir.resolve("reader"));
        open.add(reader);
        linkFile = dir.resolve("node").resolve("kiosk-link.json");
        open.add(AgentProcess.start(agentConfig(broker.url(), keys), logs.resolve("agent.log")));
        FxToolkit.registerPrimaryStage();
    }

    /** A kiosk as the launcher builds it from its config naming the agent's link file, fresh for each test. */
    @BeforeEach
    void showTheKiosk() throws Exception {
        kiosk = HeadlessKiosk.show("Espace de coworking de la Praille", SiteKind.COWORKING, IDLE_TIMEOUT, linkFile, PATIENCE);
    }

    @AfterEach
    void closeTheKiosk() throws Exception {
        if (kiosk != null) {
            HeadlessKiosk closing = kiosk;
            kiosk = null;
            closing.close();
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    @Order(1)
    void aCardEnrolledThroughTheHubChecksTheMemberInThenOutAtTheKiosk() throws Exception {
        String plan = api.post("/api/coworking/plans", """
                {"site":"%s","name":"Résident","kind":"monthly","doors":["porte"],
                 "windows":[{"days":["mon","tue","wed","thu","fri","sat","sun"],"from":"00:00","until":"24:00"}]}
                """.formatted(SITE)).body().path("id").asText();
        JsonNode member = api.post("/api/coworking/members",
                "{\"site\":\"" + SITE + "\",\"name\":\"Camille Martin\",\"planId\":\"" + plan + "\"}").body();
        memberId = member.path("id").asText();
        assertThat(memberId).as(member.toString()).isNotBlank();
        enrolFromTheKiosksUnknownRead(CARD);

        robot.clickOn("#tile-coworking");
        assertThat(text("#badge-prompt")).isEqualTo("Passez votre badge sur le lecteur");
        // The hub's next signed list has to reach the node before the card is known there: until
        // then the kiosk refuses it plainly, so the coworker (here the test) badges again.
        readUntil("the kiosk welcomes the member", CARD, () -> text("#checkin-result").equals(WELCOME));
        await("the member in the hub's presence").atMost(PATIENCE).until(() -> presentNow().contains(memberId));

        robot.clickOn("#dir-exit");
        readUntil("the kiosk says goodbye", CARD, () -> text("#checkin-result").equals(GOODBYE));
        await("the member out of the hub's presence").atMost(PATIENCE).until(() -> !presentNow().contains(memberId));
        // One visit, checked in and out at the kiosk: no door.
        JsonNode visits = api.get("/api/coworking/presence?site=" + SITE).path("items");
        List<JsonNode> hers = new ArrayList<>();
        visits.forEach(visit -> {
            if (visit.path("memberId").asText().equals(memberId)) {
                hers.add(visit);
            }
        });
        assertThat(hers).as(visits.toString()).hasSize(1);
        assertThat(hers.get(0).path("checkout").asText()).isEqualTo("exit");
        assertThat(hers.get(0).path("door").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void anUnknownCardOrGarbageFromTheReaderIsRefusedPlainlyAndNobodyIsCheckedIn() throws Exception {
        assertThat(memberId).as("the first test enrolled the member").isNotNull();
        robot.clickOn("#tile-coworking");
        // Garbage on the serial line (a bad cable, a reader in the wrong mode): refused by the agent's
        // decoder, nothing reaches the kiosk, and the reader keeps going.
        KioskLink link = new KioskLink(linkFile);
        long readsBefore = link.get("/kiosk/v1/badge-reads").path("last").asLong();
        reader.send("\u0007#?*\r\n12\r\n");
        reader.card(UNKNOWN_CARD);
        await("the kiosk refuses the unknown card").atMost(PATIENCE).until(() ->
                text("#checkin-result").equals(NOT_RECOGNISED));
        assertThat(link.get("/kiosk/v1/badge-reads").path("last").asLong())
                .as("the unknown card is the only read: the two garbage lines were none").isEqualTo(readsBefore + 1);
        // Known at the hub only as an unknown read, to enrol if the manager wants; nobody is in.
        String label = label(UNKNOWN_CARD);
        await("the unknown card among the hub's unknown reads").atMost(PATIENCE).until(() ->
                unknownRead(label).isPresent());
        assertThat(presentNow()).isEmpty();
    }

    @Test
    @Order(3)
    void aMemberWhoBadgedBooksAFreeHourOfARoomAndTheHubHasTheBooking() throws Exception {
        assertThat(memberId).as("the first test enrolled the member").isNotNull();
        // Today's hours still to come, or in the evening and on closed days the next day the place opens:
        // there is always an hour to book, whatever the time the test runs at.
        JsonNode room = api.post("/api/coworking/resources",
                "{\"site\":\"" + SITE + "\",\"name\":\"Salle de réunion\",\"kind\":\"room\"}").body();
        String roomId = room.path("id").asText();
        assertThat(roomId).as(room.toString()).isNotBlank();

        robot.clickOn("#tile-coworking");
        await("the room on the kiosk").atMost(PATIENCE).until(() -> robot.lookup("#room-" + roomId).tryQuery().isPresent());
        readUntil("the kiosk welcomes the member", CARD, () -> text("#checkin-result").equals(WELCOME));
        Button hour = await("a free hour to book").atMost(PATIENCE).until(() -> firstFreeHour(roomId), Optional::isPresent)
                .orElseThrow();
        // The example's rooms come first: this one's card is below the fold, where a coworker scrolls to it.
        robot.interact(hour::fire);

        await("the hub's answer on the kiosk").atMost(PATIENCE).until(() -> text("#action-message").equals("Salle réservée"));
        JsonNode bookings = api.get("/api/coworking/bookings?site=" + SITE + "&from=" + Instant.now().minus(Duration.ofDays(1))
                + "&to=" + Instant.now().plus(Duration.ofDays(9))).path("items");
        List<JsonNode> found = new ArrayList<>();
        bookings.forEach(booking -> {
            if (booking.path("resourceId").asText().equals(roomId)) {
                found.add(booking);
            }
        });
        assertThat(found).as(bookings.toString()).hasSize(1);
        assertThat(found.get(0).path("memberId").asText()).isEqualTo(memberId);
        // The taken hour is no longer offered once the hub's next content is on the kiosk.
        String taken = hour.getId();
        await("the booked hour gone from the kiosk").atMost(PATIENCE).until(() ->
                robot.lookup("#" + taken).tryQuery().isEmpty());
    }

    /** Reads {@code card} at the kiosk's reader, then claims the hub's unknown read of it for the member. */
    @Test
    @Order(4)
    void aTechniciansBadgeAndPinOpenTheMaintenanceScreenAndAWrongPinDoesNot() throws Exception {
        // The hidden way in: a long press (3 s) on the place's name, then the badge on the kiosk's reader.
        // The three seconds pass on the kiosk's clock, not by sleeping: a loaded machine may handle the
        // press late and the release on time, which a sleep would take for a short press.
        robot.moveTo("#site-name").press(MouseButton.PRIMARY);
        kiosk.skip(Duration.ofSeconds(4));
        robot.release(MouseButton.PRIMARY);
        await("the technician's gate").atMost(PATIENCE).until(() -> !text("#tech-prompt").isEmpty());
        readUntil("the PIN pad", TECHNICIAN_CARD, () -> HeadlessKiosk.onFx(() -> robot.lookup("#pin-ok").tryQuery()
                .isPresent()));

        typePin("9999");
        await("a refusal").atMost(PATIENCE).until(() -> text("#tech-message").equals("Code refusé."));
        assertThat(HeadlessKiosk.onFx(() -> robot.lookup("#maintenance-facts").tryQuery().isPresent())).isFalse();

        typePin(TECHNICIAN_PIN);
        await("the maintenance screen").atMost(PATIENCE).until(() -> HeadlessKiosk.onFx(
                () -> robot.lookup("#maintenance-facts").tryQuery().isPresent()));
    }

    private void typePin(String pin) {
        for (char digit : pin.toCharArray()) {
            robot.clickOn("#pin-" + digit);
        }
        robot.clickOn("#pin-ok");
    }

    private void enrolFromTheKiosksUnknownRead(String card) throws Exception {
        String label = label(card);
        JsonNode[] read = new JsonNode[1];
        readUntil("an unknown read of the card at the hub", card, () -> {
            read[0] = unknownRead(label).orElse(null);
            return read[0] != null;
        });
        HubApi.Answer badge = api.post("/api/coworking/members/" + memberId + "/badges",
                "{\"fromUnknownRead\":\"" + read[0].path("id").asText() + "\",\"badgeClass\":\"member\"}");
        assertThat(badge.status()).as(badge.body().toString()).isIn(200, 201);
        assertThat(badge.body().path("label").asText()).isEqualTo(label);
    }

    private Optional<JsonNode> unknownRead(String label) throws Exception {
        for (JsonNode unknown : api.get("/api/coworking/unknown-reads?site=" + SITE).path("items")) {
            if (unknown.path("label").asText().equals(label)) {
                return Optional.of(unknown);
            }
        }
        return Optional.empty();
    }

    /** The last four hex digits of the card's keyed hash, as the hub shows an unknown read. */
    private static String label(String card) {
        String hash = new BadgeHasher(BADGE_KEY).hash(card);
        return hash.substring(hash.length() - 4);
    }

    private List<String> presentNow() throws Exception {
        return api.get("/api/coworking/presence/now?site=" + SITE).path("items").findValuesAsText("memberId");
    }

    /**
     * Reads the card at each poll until {@code done} holds, checked first: the previous read has
     * had more than the reader's repeat window (1 s) to be decided, so each one counts.
     */
    private void readUntil(String what, String card, Callable<Boolean> done) {
        await(what).atMost(PATIENCE).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(1500))
                .until(() -> {
                    if (done.call()) {
                        return true;
                    }
                    reader.card(card);
                    return false;
                });
    }

    private Optional<Button> firstFreeHour(String roomId) throws Exception {
        return HeadlessKiosk.onFx(() -> robot.lookup(node -> node instanceof Button && node.getId() != null
                        && node.getId().startsWith("book-" + roomId + "-") && !node.isDisabled()).tryQuery()
                .map(Button.class::cast));
    }

    private Path agentConfig(String brokerUrl, KeyPair keys) throws Exception {
        Path file = dir.resolve("node").resolve("agent.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                node: %s
                site: {id: %s, name: "Espace de coworking de la Praille", kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 5}
                clock: {source: always-synced}
                badges: {hashKey: %s}
                access: {publicKey: "%s"}
                kioskApi: {port: 0, linkFile: "%s", reader: %s, maintenancePin: "%s", technicianBadges: ["%s"]}
                devices:
                  - id: borne
                    kind: kiosk
                    name: Borne du coworking
                    driver: simulated
                  - id: %s
                    kind: badge-reader
                    name: Lecteur de la borne
                    driver: serial-badge
                    settings: {port: "%s", format: line}
                """.formatted(NODE, SITE, brokerUrl, BADGE_KEY,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), linkFile, READER,
                MaintenancePin.hash(TECHNICIAN_PIN), new BadgeHasher(BADGE_KEY).hash(TECHNICIAN_CARD), READER,
                reader.agentSide()), StandardCharsets.UTF_8);
        return file;
    }

    private String text(String query) throws Exception {
        return HeadlessKiosk.onFx(() -> robot.lookup(query).tryQuery().map(n -> plain(((Label) n).getText())).orElse(""));
    }


    /** Screen text without the non-breaking spaces of French typography. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ');
    }
}
