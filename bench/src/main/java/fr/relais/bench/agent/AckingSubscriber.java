package fr.relais.bench.agent;

import fr.relais.protocol.Topic;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Stands for the hub: a persistent QoS 1 session on everything the node publishes, acknowledging
 * each message, so the broker forwards and the agent's outbox drains as in the field.
 */
final class AckingSubscriber implements AutoCloseable {
    private final MqttAsyncClient client;
    private final AtomicLong received = new AtomicLong();

    AckingSubscriber(String brokerUrl) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, "relais-bench-agent-hub", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The count falls short; the benchmark prints it.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // It never publishes.
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
        client.subscribe(Topic.ROOT + "/#", 1).waitForCompletion(TimeUnit.SECONDS.toMillis(30));
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        } finally {
            client.close();
        }
    }
}
