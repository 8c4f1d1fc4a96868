package fr.relais.hub.ingest;

import fr.relais.broker.MosquittoProcess;
import fr.relais.protocol.mqtt.BufferedSocketFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttToken;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A measurement run by hand, not a test: the CPU a Paho client configured as {@link HubLink} was
 * until it moved to Vert.x MQTT (MQTT 3.1.1, persistent session, manual acknowledgements after a
 * hand-over to another thread, as the writer does) spends per received QoS 1 message, with Paho's own sockets ("plain") and
 * with {@link BufferedSocketFactory} ("buffered"), back to back on one mosquitto. The messages
 * are queued by the broker while the receiver is away, so that the receiving phase holds the
 * receiver's work only; its threads' CPU is read with ThreadMXBean.
 *
 * <p>Kept because Paho is still what the agents and the bench's reference subscriber
 * ({@code bench ingest}'s raw pipe) receive with: it says what that reference costs.
 *
 * <pre>java -cp hub/target/test-classes:hub/target/classes:$(deps) fr.relais.hub.ingest.PahoReceiveCost 100000 3</pre>
 */
public final class PahoReceiveCost {
    private static final String TOPIC = "relais/v1/brunehamel/brunehamel-pi/telemetry";

    private PahoReceiveCost() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("paho-cost");
        try (MosquittoProcess broker = MosquittoProcess.start(dir)) {
            for (int round = 0; round <= rounds; round++) {
                for (boolean buffered : new boolean[] {false, true}) {
                    double micros = round(broker.url(), "cost-" + round + "-" + buffered, buffered, messages);
                    // Round 0 warms the JIT up: not reported.
                    if (round > 0) {
                        System.out.printf("round %d %-8s %d messages: receiver threads %.2f us CPU per message%n",
                                round, buffered ? "buffered" : "plain", messages, micros);
                    }
                }
            }
        }
        byte[] packet = packet(payload());
        cpuEach("MqttWireMessage.createWireMessage of one " + packet.length + "-byte PUBLISH (Paho's decode)",
                () -> MqttWireMessage.createWireMessage(packet));
        cpuEach("the same bytes copied as its two copies, in bulk", () -> {
            byte[] body = Arrays.copyOfRange(packet, 3, packet.length);
            return Arrays.copyOfRange(body, 58, body.length);
        });
        cpuEach("new MqttToken (what each messageArrivedComplete builds)", () -> new MqttToken("relais-hub-bench"));
    }

    private interface Work {
        Object run() throws Exception;
    }

    /** The current thread's CPU per call, after two passes for the JIT. */
    private static void cpuEach(String what, Work work) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int calls = 300_000;
        Object keep = null;
        for (int pass = 0; pass < 3; pass++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                keep = work.run();
            }
            if (pass == 2) {
                System.out.printf("%s: %.3f us CPU each%n", what,
                        (threads.getCurrentThreadCpuTime() - start) / 1000.0 / calls);
            }
        }
        if (keep == null) {
            throw new IllegalStateException("nothing made");
        }
    }

    /** A QoS 1 PUBLISH as it comes off the wire, header included. */
    private static byte[] packet(byte[] payload) throws Exception {
        MqttPublish publish = new MqttPublish(TOPIC, new MqttMessage(payload));
        publish.getMessage().setQos(1);
        publish.setMessageId(42);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(publish.getHeader());
        out.write(publish.getPayload());
        return out.toByteArray();
    }

    private static double round(String url, String id, boolean buffered, int messages) throws Exception {
        // The session first, so that the broker queues what comes while the receiver is away.
        MqttAsyncClient receiver = client(url, id, buffered);
        receiver.connect(options(buffered)).waitForCompletion(10_000);
        receiver.subscribe("relais/v1/+/+/telemetry", 1).waitForCompletion(10_000);
        receiver.disconnect().waitForCompletion(10_000);
        receiver.close();

        MqttAsyncClient publisher = client(url, id + "-pub", true);
        MqttConnectOptions publisherOptions = options(true);
        publisherOptions.setCleanSession(true);
        publisherOptions.setMaxInflight(1000);
        publisher.connect(publisherOptions).waitForCompletion(10_000);
        byte[] payload = payload();
        Semaphore window = new Semaphore(500);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                throw new IllegalStateException(failure);
            }
        };
        for (int i = 0; i < messages; i++) {
            window.acquire();
            publisher.publish(TOPIC, payload, 1, false, null, release);
        }
        window.acquire(500);
        publisher.disconnect().waitForCompletion(10_000);
        publisher.close();

        CountDownLatch all = new CountDownLatch(messages);
        BlockingQueue<int[]> toAck = new ArrayBlockingQueue<>(10_000);
        MqttAsyncClient measured = client(url, id, buffered);
        Thread acker = new Thread(() -> {
            try {
                while (true) {
                    int[] ack = toAck.take();
                    measured.messageArrivedComplete(ack[0], ack[1]);
                    all.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "cost-acker " + id);
        acker.setDaemon(true);
        acker.start();
        measured.setManualAcks(true);
        measured.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("lost: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                toAck.put(new int[] {message.getId(), message.getQos()});
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        measured.connect(options(buffered)).waitForCompletion(10_000);
        if (!all.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (messages - all.getCount()) + " of " + messages + " arrived");
        }
        long cpu = cpu(id);
        long reads = readCalls("MQTT Rec");
        System.out.printf("  %s: %.3f read system calls per message on Paho's receiving thread%n",
                buffered ? "buffered" : "plain", (double) reads / messages);
        acker.interrupt();
        measured.disconnect().waitForCompletion(10_000);
        measured.close();
        return cpu / 1000.0 / messages;
    }

    /** The CPU of the receiver's threads (Paho names them after the client id) and of its acknowledging thread. */
    private static long cpu(String id) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().endsWith(": " + id) || info.getThreadName().endsWith(" " + id))) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /**
     * The read system calls of the live threads whose Linux name starts so (Linux keeps 15
     * characters of a Java thread's name), from /proc/self/task/N/io; 0 where there is no /proc.
     */
    private static long readCalls(String prefix) throws java.io.IOException {
        long total = 0;
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (var each = Files.list(tasks)) {
            for (Path task : each.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        for (String line : Files.readAllLines(task.resolve("io"))) {
                            if (line.startsWith("syscr:")) {
                                total += Long.parseLong(line.substring(6).trim());
                            }
                        }
                    }
                } catch (java.io.IOException gone) {
                    // A thread that ended meanwhile.
                }
            }
        }
        return total;
    }

    private static MqttAsyncClient client(String url, String id, boolean buffered) throws Exception {
        return new MqttAsyncClient(url, id, new MemoryPersistence());
    }

    private static MqttConnectOptions options(boolean buffered) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(HubLink.MAX_INFLIGHT);
        if (buffered) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        return options;
    }

    /** About the size of a node's telemetry envelope. */
    private static byte[] payload() {
        String json = "{\"v\":1,\"msgId\":\"0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d\",\"site\":\"brunehamel\","
                + "\"node\":\"brunehamel-pi\",\"device\":\"printer-1\",\"ts\":\"2026-12-06T10:00:00.123Z\","
                + "\"clock\":\"synced\",\"health\":\"ok\",\"metrics\":{\"pagesPrinted\":12345,\"tonerPercent\":42,"
                + "\"paperTrayOk\":true,\"temperatureC\":31.5,\"jobsQueued\":0,\"errors\":0}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
