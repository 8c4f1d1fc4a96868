package fr.relais.hub;

import static org.awaitility.Awaitility.await;

import fr.relais.protocol.Command;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An edge agent played by a plain Paho client: announces itself, collects the commands the hub
 * sends it, and answers whatever the test says.
 */
public final class FakeNode implements AutoCloseable {
    private final MessageCodec codec = new MessageCodec();
    private final MqttClient client;
    private final String site;
    private final String node;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private long seq;

    public FakeNode(String brokerUrl, String site, String node) throws MqttException {
        this.site = site;
        this.node = node;
        client = new MqttClient(brokerUrl, "fake-" + node, new MemoryPersistence());
        client.connect();
        client.subscribe(Topic.commandFilter(site, node), 1, (topic, message) ->
                commands.add(codec.decode(Topic.parse(topic), message.getPayload(), Command.class)));
    }

    /** State and birth, as an agent says them on every connection. */
    public void announce() throws MqttException {
        publish(Topic.Kind.STATE, codec.encode(Messages.state(Presence.ONLINE, 1)));
        publish(Topic.Kind.BIRTH, codec.encode(Messages.birth(seq++, 1, "printer-1")));
    }

    /** A reading and an event of its printer, as a working node sends them. */
    public void report() throws MqttException {
        publish(Topic.Kind.TELEMETRY, codec.encode(Messages.telemetry(seq++, "printer-1", Health.OK, 80)));
        publish(Topic.Kind.EVENT, codec.encode(Messages.event(seq++, "printer-1")));
    }

    /** The next command the hub sent, waiting for it if needed. */
    public Command nextCommand() {
        return await().atMost(Duration.ofSeconds(20)).until(commands::poll, command -> command != null);
    }

    public Reply reply(Command command, ReplyStatus status, String reason, Map<String, Object> result)
            throws MqttException {
        Reply reply = new Reply(Messages.envelope(seq++), command.requestId(), command.name(), status, reason, result);
        send(reply);
        return reply;
    }

    /** Publishes a reply as is: a redelivery, or one the hub must refuse. */
    public void send(Reply reply) throws MqttException {
        publish(Topic.Kind.REPLY, codec.encode(reply));
    }

    private void publish(Topic.Kind kind, byte[] payload) throws MqttException {
        client.publish(Topic.of(kind, site, node).path(), payload, 1, false);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // The broker may be gone already (a test stopped it); nothing left to release.
        }
    }
}
