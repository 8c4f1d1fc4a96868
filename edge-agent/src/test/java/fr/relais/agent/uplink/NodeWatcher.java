package fr.relais.agent.uplink;

import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Reply;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Plays the hub in agent tests: decodes everything one node publishes (in arrival order) and
 * can publish to the node, as the hub does with commands. A payload it cannot decode is kept
 * aside in {@link #undecodable()} instead of being thrown at Paho, which would drop the
 * connection and hide the reason.
 */
public final class NodeWatcher implements AutoCloseable {
    private final MqttClient client;
    private final MqttConnectOptions options;
    private final String filter;
    private final MessageCodec codec = new MessageCodec();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();

    public NodeWatcher(String url, String site, String node) throws MqttException {
        this(url, site, node, "watcher-" + node + "-" + System.nanoTime(), true);
    }

    private NodeWatcher(String url, String site, String node, String clientId, boolean cleanSession)
            throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMaxInflight(1_000);
        filter = Topic.nodePrefix(site, node) + "/#";
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    messages.add(codec.decode(Topic.parse(topic), message.getPayload()));
                } catch (InvalidMessageException e) {
                    undecodable.add(topic + ": " + e.getMessage());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    /**
     * A watcher whose session (subscription and queued messages) a persistent broker keeps while
     * the watcher or the broker is away: it misses nothing the node publishes once it has
     * subscribed, whenever the node reconnects. Call {@link #reconnect()} after a broker restart.
     */
    public static NodeWatcher durable(String url, String site, String node) throws MqttException {
        return new NodeWatcher(url, site, node, "durable-watcher-" + node + "-" + System.nanoTime(), false);
    }

    /** Connects again (the session is resumed if the watcher is durable). */
    public void reconnect() throws MqttException {
        if (!client.isConnected()) {
            client.connect(options);
        }
        client.subscribe(filter, 1);
    }

    /** Leaves politely; a durable watcher's session stays on the broker. */
    public void disconnect() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
    }

    public <T extends Message> long count(Class<T> type) {
        return messages.stream().filter(type::isInstance).count();
    }

    public <T extends Message> T last(Class<T> type) {
        T last = null;
        for (Message message : messages) {
            if (type.isInstance(message)) {
                last = type.cast(message);
            }
        }
        return last;
    }

    /** Every message of that type, in arrival order. */
    public <T extends Message> List<T> all(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Everything received so far, in arrival order. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The replies to one request, in arrival order. */
    public List<Reply> replies(UUID requestId) {
        return all(Reply.class).stream().filter(reply -> reply.requestId().equals(requestId)).toList();
    }

    /** Payloads that did not decode, with their topic and the reason. */
    public List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    public List<Long> sequenceNumbers() {
        return messages.stream().filter(Telemetry.class::isInstance).map(m -> ((Telemetry) m).envelope().seq())
                .toList();
    }

    public void publishRetained(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true);
    }

    /** Publishes at QoS 1, not retained, as the hub sends a command. */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
