package fr.relais.agent.uplink;

import fr.relais.protocol.InvalidMessageException;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Plays the hub's ears in agent tests: decodes everything one node publishes. */
final class NodeWatcher implements AutoCloseable {
    private final MqttClient client;
    private final MessageCodec codec = new MessageCodec();
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    NodeWatcher(String url, String site, String node) throws MqttException {
        client = new MqttClient(url, "watcher-" + node + "-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws InvalidMessageException {
                messages.add(codec.decode(Topic.parse(topic), message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect();
        client.subscribe(Topic.nodePrefix(site, node) + "/#", 1);
    }

    <T extends Message> long count(Class<T> type) {
        return messages.stream().filter(type::isInstance).count();
    }

    <T extends Message> T last(Class<T> type) {
        T last = null;
        for (Message message : messages) {
            if (type.isInstance(message)) {
                last = type.cast(message);
            }
        }
        return last;
    }

    List<Long> sequenceNumbers() {
        return messages.stream().filter(Telemetry.class::isInstance).map(m -> ((Telemetry) m).envelope().seq())
                .toList();
    }

    void publishRetained(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
