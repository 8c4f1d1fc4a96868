package fr.relais.hub.access;

import static org.awaitility.Awaitility.await;

import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Topic;
import fr.relais.protocol.access.AccessListAssembler;
import fr.relais.protocol.access.AccessListFragments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A door node played by a plain Paho client: announces a door and a badge reader, reads the
 * fragments the hub sends on its access topic and puts them back together as the agent does
 * ({@link AccessListAssembler}), and reports what it holds with {@code access-list} events.
 */
final class DoorNode implements AutoCloseable {
    private final MessageCodec codec = new MessageCodec();
    private final AccessListFragments fragments = new AccessListFragments();
    private final AccessListAssembler assembler;
    private final MqttClient client;
    private final String site;
    private final String node;
    private final BlockingQueue<byte[]> lists = new LinkedBlockingQueue<>();
    private final AtomicInteger fragmentsReceived = new AtomicInteger();
    private long seq;

    DoorNode(String brokerUrl, String site, String node) throws MqttException {
        this.site = site;
        this.node = node;
        this.assembler = new AccessListAssembler(site);
        client = new MqttClient(brokerUrl, "door-" + node, new MemoryPersistence());
        client.connect();
        client.subscribe(Topic.access(site, node).path(), 1, (topic, message) -> {
            fragmentsReceived.incrementAndGet();
            synchronized (assembler) {
                assembler.add(fragments.decode(message.getPayload()), Instant.now()).ifPresent(lists::add);
            }
        });
    }

    /** State and birth: a door and its reader, as an agent says them on every connection. */
    void announce(DeviceKind... kinds) throws MqttException {
        publish(Topic.Kind.STATE, codec.encode(new NodeState(Presence.ONLINE, 1, Instant.now())));
        List<Birth.DeviceInfo> devices = kinds.length == 0
                ? List.of(new Birth.DeviceInfo("porte-entree", DeviceKind.DOOR, "Porte d'entrée", true),
                        new Birth.DeviceInfo("lecteur-entree", DeviceKind.BADGE_READER, "Lecteur", true))
                : java.util.Arrays.stream(kinds).map(kind -> new Birth.DeviceInfo(kind.wire() + "-1", kind, "x", true))
                        .toList();
        publish(Topic.Kind.BIRTH, codec.encode(new Birth(envelope(), 1, new Birth.SiteInfo("Espace de coworking",
                SiteKind.COWORKING), new Birth.AgentInfo("1.0", "sha256:1"), devices)));
    }

    /** An {@code access-list} event with these data fields, as is. */
    void report(Map<String, Object> data) throws MqttException {
        publish(Topic.Kind.EVENT, codec.encode(new Event(envelope(), Optional.empty(), "access-list", Severity.INFO,
                "Liste d'accès", data)));
    }

    /** Any event of one of its devices, such as a badge read by a reader linked to no door. */
    void event(String device, String type, Map<String, Object> data) throws MqttException {
        publish(Topic.Kind.EVENT, codec.encode(new Event(envelope(), Optional.of(device), type, Severity.INFO, type,
                data)));
    }

    void reportHeld(long version, String outcome, boolean needSnapshot) throws MqttException {
        report(Map.of("version", version, "outcome", outcome, "needSnapshot", needSnapshot));
    }

    /** The next whole signed list the hub sent, waiting for it. */
    byte[] nextList() {
        return await().atMost(Duration.ofSeconds(30)).until(lists::poll, list -> list != null);
    }

    /** A list that came within this time, or null. */
    byte[] listWithin(Duration duration) throws InterruptedException {
        return lists.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    int fragmentsReceived() {
        return fragmentsReceived.get();
    }

    private Envelope envelope() {
        return new Envelope(MessageIds.next(), seq++, Instant.now(), ClockConfidence.SYNCED);
    }

    private void publish(Topic.Kind kind, byte[] payload) throws MqttException {
        client.publish(Topic.of(kind, site, node).path(), payload, 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
