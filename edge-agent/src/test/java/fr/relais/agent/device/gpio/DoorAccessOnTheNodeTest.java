package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.uplink.NodeWatcher;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Command;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListFragments;
import fr.relais.protocol.access.AccessListSigner;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coworking door node end to end: a real Mosquitto, the agent in-process with its configuration
 * in a file and its SQLite database, Pi4J's mock pins for the strike and the Wiegand reader, a
 * Paho client playing the hub. Staff badges (any hour), so nothing depends on when it runs.
 */
class DoorAccessOnTheNodeTest {
    static final String SITE = "rozoy-cowork";
    static final String NODE = "cowork-pi";
    static final String BADGE_KEY = "test-only-badge-key-0123456789abcdef";
    static final int D0 = 5;
    static final int D1 = 6;
    static final int RELAY = 27;
    static final int CONTACT = 17;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();
    @TempDir
    Path dir;

    final MockGpio gpio = new MockGpio();
    final KeyPair hubKey = AccessKeys.generate();
    final MessageCodec codec = new MessageCodec();
    NodeWatcher hub;
    EdgeAgent agent;

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
        gpio.close();
    }

    String yaml(String brokerUrl) {
        return """
                node: %s
                site: {id: %s, name: "Coworking de la Praille", kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                badges: {hashKey: %s}
                access: {publicKey: "%s"}
                devices:
                  - id: porte
                    kind: door
                    name: Porte du coworking
                    driver: gpio-door
                    settings: {relay: %d, contact: %d, pulseMillis: 300, debounceMillis: 0}
                  - id: lecteur
                    kind: badge-reader
                    name: Lecteur de l'entrée
                    driver: wiegand
                    settings: {d0: %d, d1: %d, frameTimeoutMillis: 20}
                """.formatted(NODE, SITE, brokerUrl, BADGE_KEY,
                Base64.getEncoder().encodeToString(hubKey.getPublic().getEncoded()), RELAY, CONTACT, D0, D1);
    }

    void startAgent(String brokerUrl) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml(brokerUrl));
        NodeConfig config = new ConfigLoader(Map.of()).load(file);
        agent = EdgeAgent.start(config, Optional.of(file), "test",
                DriverRegistry.standard().provide(GpioBoard.class, gpio::boardOfOneRuntime));
        await().atMost(PATIENCE).until(() -> gpio.held(RELAY) && gpio.held(D1));
        gpio.set(D0, true);
        gpio.set(D1, true);
        gpio.set(CONTACT, false);
    }

    static String number(long facility, long card) {
        return String.format("%010d", (facility << 16) | card);
    }

    AccessList staffList(long version, String... numbers) {
        BadgeHasher hasher = new BadgeHasher(BADGE_KEY);
        List<BadgeGrant> grants = new java.util.ArrayList<>();
        for (String number : numbers) {
            grants.add(new BadgeGrant(hasher.hash(number), "m" + grants.size(), BadgeClass.STAFF, Optional.empty(),
                    Optional.empty(), false, Set.of("porte"), List.of(), List.of(), Optional.empty()));
        }
        return new AccessList(SITE, version, Optional.empty(), Instant.now(), ZoneId.of("Europe/Paris"), grants,
                Set.of());
    }

    void publishList(AccessList list) throws Exception {
        byte[] wire = new SignedAccessListCodec().encode(
                new AccessListSigner(hubKey.getPrivate(), new AccessListCodec()).sign(list));
        for (byte[] fragment : new AccessListFragments().split(SITE, list.version(), wire)) {
            hub.publish(Topic.access(SITE, NODE).path(), fragment);
        }
    }

    void badge(long facility, long card) {
        String bits = WiegandBits.frame(8, facility, card);
        for (char bit : bits.toCharArray()) {
            gpio.pulseLow(bit == '1' ? D1 : D0);
        }
    }

    List<Event> events(String type) {
        return hub.all(Event.class).stream().filter(event -> event.type().equals(type)).toList();
    }

    Event awaitEvent(String type, Map<String, Object> with) {
        await().atMost(PATIENCE).until(() -> events(type).stream()
                .anyMatch(event -> event.data().entrySet().containsAll(with.entrySet())));
        return events(type).stream().filter(event -> event.data().entrySet().containsAll(with.entrySet()))
                .findFirst().orElseThrow();
    }

    UUID openDoor(Optional<Instant> expiresAt) throws Exception {
        Command command = new Command("open-door", MessageIds.next(), Instant.now(), expiresAt,
                Map.of("device", "porte"));
        hub.publish(Topic.command(SITE, NODE, "open-door").path(), codec.encode(command));
        return command.requestId();
    }

    Reply finalReply(UUID requestId) {
        await().atMost(PATIENCE).until(() -> hub.replies(requestId).stream().anyMatch(reply -> reply.status().isFinal()));
        return hub.replies(requestId).stream().filter(reply -> reply.status().isFinal()).findFirst().orElseThrow();
    }

    @Test
    void theListArrivesInFragmentsAndABadgeOpensTheDoor(MosquittoProcess broker) throws Exception {
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        startAgent(broker.url());
        await().atMost(PATIENCE).until(() -> hub.count(Birth.class) >= 1);
        Event hello = awaitEvent("access-list", Map.of("outcome", "connected"));
        assertThat(hello.device()).isEmpty();
        assertThat(hello.data()).containsEntry("needSnapshot", true).containsEntry("version", 0L);

        publishList(staffList(1, number(12, 3456)));
        Event accepted = awaitEvent("access-list", Map.of("outcome", "accepted"));
        assertThat(accepted.data()).containsEntry("version", 1L).containsEntry("needSnapshot", false);

        List<Boolean> relay = gpio.record(RELAY);
        badge(12, 3456);
        await().atMost(PATIENCE).until(() -> relay.contains(true));
        Event granted = awaitEvent("access-granted", Map.of("reason", "staff"));
        assertThat(granted.device()).contains("porte");
        assertThat(granted.data()).containsEntry("reader", "lecteur").containsEntry("door", "porte")
                .containsEntry("direction", "entry").containsEntry("listVersion", 1L)
                .containsEntry("badgeHash", new BadgeHasher(BADGE_KEY).hash(number(12, 3456)))
                .containsEntry("badgeClass", "staff");

        badge(12, 9999);
        assertThat(awaitEvent("access-denied", Map.of("reason", "unknown")).data()).containsEntry("listVersion", 1L);
        assertThat(events("badge")).as("a linked reader asks the door, it does not report plain reads").isEmpty();

        await().atMost(PATIENCE).until(() -> hub.all(Telemetry.class).stream()
                .anyMatch(t -> t.device().isEmpty() && Long.valueOf(1L).equals(t.metrics().get("accessListVersion"))));
        Telemetry node = hub.all(Telemetry.class).stream().filter(t -> t.device().isEmpty()
                && Long.valueOf(1L).equals(t.metrics().get("accessListVersion"))).findFirst().orElseThrow();
        assertThat(node.metrics()).containsEntry("accessListStale", 0L).containsEntry("accessListAgeHours", 0L)
                .containsKeys("accessListRefused", "accessGranted", "accessDenied");
    }

    @Test
    void theHubsOpenDoorIsLoggedAndAnExpiredOneNeverPulses(MosquittoProcess broker) throws Exception {
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        startAgent(broker.url());
        await().atMost(PATIENCE).until(() -> hub.count(Birth.class) >= 1);
        List<Boolean> relay = gpio.record(RELAY);

        UUID expired = openDoor(Optional.of(Instant.now().minusSeconds(5)));
        Reply refused = finalReply(expired);
        assertThat(refused.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(refused.reason()).contains("expired");
        assertThat(relay).as("an expired opening never reaches the strike").doesNotContain(true);

        UUID request = openDoor(Optional.of(Instant.now().plusSeconds(30)));
        assertThat(finalReply(request).status()).isEqualTo(ReplyStatus.OK);
        assertThat(relay).contains(true);
        Event remote = awaitEvent("access-granted", Map.of("reason", "remote"));
        assertThat(remote.data()).containsEntry("requestId", request.toString()).containsEntry("door", "porte")
                .doesNotContainKey("badgeHash");
        assertThat(events("access-granted")).as("only the opening that happened is logged").hasSize(1);
    }

    @Test
    void afterARestartWithoutBrokerTheStoredListStillOpensAndTheLogWaitsInTheOutbox(MosquittoProcess broker)
            throws Exception {
        hub = new NodeWatcher(broker.url(), SITE, NODE);
        startAgent(broker.url());
        awaitEvent("access-list", Map.of("outcome", "connected"));
        publishList(staffList(1, number(12, 3456)));
        awaitEvent("access-list", Map.of("outcome", "accepted"));
        agent.close();
        agent = null;

        startAgent("tcp://127.0.0.1:1");
        long queuedBefore = agent.emitter().outbox().stats().priorityDepth();
        List<Boolean> relay = gpio.record(RELAY);
        badge(12, 3456);

        await().atMost(PATIENCE).until(() -> relay.contains(true));
        await().atMost(PATIENCE).until(() -> agent.emitter().outbox().stats().priorityDepth() > queuedBefore);
        assertThat(agent.uplink().isOnline()).isFalse();
    }
}
