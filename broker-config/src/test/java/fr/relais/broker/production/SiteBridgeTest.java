package fr.relais.broker.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.TestMqttClient;
import fr.relais.broker.testing.TestMqttClient.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site broker on the node's Pi, bridged over TLS to the central broker: two real mosquitto
 * processes, the second rendered from site-bridge.conf.template.
 */
class SiteBridgeTest {
    /** The bridge retries with jitter up to 30 s after a cut: leave it several tries. */
    private static final Duration RECONNECT = Duration.ofSeconds(120);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BRIDGE_STATE = "$SYS/broker/connection/bridge-site-a-node-a/state";
    private static final String STATE = "relais/v1/site-a/node-a/state";
    private static final int DURING_CUT = 500;

    @TempDir
    Path dir;

    @Test
    void carriesTheNodesTrafficBothWaysAndKeepsWhatWasPublishedDuringACut() throws Exception {
        try (CentralFixture central = CentralFixture.start(dir.resolve("central"));
             MosquittoProcess site = startSite(central, dir.resolve("site"))) {
            String siteUrl = site.url();
            try (TestMqttClient hubState = TestMqttClient.connect(central.hub("hub-state"))) {
                hubState.publishRetained("relais/v1/_hub/state", "hub online");
            }
            try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub").persistentSession());
                 TestMqttClient agent = TestMqttClient.connect(Options.anonymous(siteUrl, "agent"));
                 TestMqttClient kiosk = TestMqttClient.connect(Options.anonymous(siteUrl, "kiosk"))) {
                hub.subscribe("relais/v1/+/+/telemetry");
                kiosk.subscribe(BRIDGE_STATE);
                kiosk.subscribe("relais/v1/site-a/node-a/cmd/+");
                kiosk.subscribe("relais/v1/site-a/node-a/access");
                kiosk.subscribe("relais/v1/site-a/node-a/content");
                kiosk.subscribe("relais/v1/_hub/state");
                kiosk.subscribe("relais/v1/site-a/node-a/event");
                await().atMost(RECONNECT).until(() -> kiosk.received.contains("1"));

                agent.publish("relais/v1/site-a/node-a/telemetry", "out through the bridge");
                await().atMost(PATIENCE).until(() -> hub.received.contains("out through the bridge"));
                hub.publish("relais/v1/site-a/node-a/cmd/x", "in through the bridge");
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("in through the bridge"));
                hub.publish("relais/v1/site-a/node-a/access", "access list in through the bridge");
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("access list in through the bridge"));
                hub.publish("relais/v1/site-a/node-a/content", "kiosk content in through the bridge");
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("kiosk content in through the bridge"));
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("hub online"));

                central.broker.stop();
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("0"));
                agent.publish("relais/v1/site-a/node-a/event", "local while cut");
                await().atMost(PATIENCE).until(() -> kiosk.received.contains("local while cut"));
                for (int i = 0; i < DURING_CUT; i++) {
                    agent.publish("relais/v1/site-a/node-a/telemetry", "cut-" + i);
                }
            }

            central.broker.restart();
            try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub").persistentSession())) {
                await().atMost(RECONNECT).until(() -> hub.distinct.stream().filter(p -> p.startsWith("cut-")).count()
                        >= DURING_CUT);
                assertThat(hub.distinct).containsAll(IntStream.range(0, DURING_CUT).mapToObj(i -> "cut-" + i).toList());
            }
        }
    }

    @Test
    void forwardsTheNodesRetainedStateAndItsLastWill() throws Exception {
        try (CentralFixture central = CentralFixture.start(dir.resolve("central"));
             MosquittoProcess site = startSite(central, dir.resolve("site"))) {
            MqttClient agent = new MqttClient(site.url(), "agent", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setWill(STATE, "lost".getBytes(StandardCharsets.UTF_8), 1, true);
            agent.connect(options);
            try (TestMqttClient kiosk = TestMqttClient.connect(Options.anonymous(site.url(), "kiosk"))) {
                kiosk.subscribe(BRIDGE_STATE);
                await().atMost(RECONNECT).until(() -> kiosk.received.contains("1"));
            }
            agent.publish(STATE, "online".getBytes(StandardCharsets.UTF_8), 1, true);

            // Subscribing after the fact: only a retained copy on the central can answer.
            await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                try (TestMqttClient hub = TestMqttClient.connect(central.hub("late-hub"))) {
                    hub.subscribe(STATE);
                    await().atMost(Duration.ofSeconds(2)).until(() -> !hub.received.isEmpty());
                    return hub.received.contains("online");
                }
            });
            try (TestMqttClient hub = TestMqttClient.connect(central.hub("hub"))) {
                hub.subscribe(STATE);
                await().atMost(PATIENCE).until(() -> hub.received.contains("online"));
                agent.disconnectForcibly(0, 1000, false);
                agent.close();
                await().atMost(PATIENCE).until(() -> hub.received.contains("lost"));
            }
        }
    }

    private static MosquittoProcess startSite(CentralFixture central, Path siteDir) throws Exception {
        int port = MosquittoProcess.freePort();
        Files.createDirectories(siteDir.resolve("data"));
        String config = ProductionTemplates.fill(ProductionTemplates.read(ProductionTemplates.SITE_BRIDGE), Map.of(
                "local_port", Integer.toString(port),
                "site", "site-a",
                "node", "node-a",
                "central_host", "127.0.0.1",
                "central_tls_port", Integer.toString(central.tlsPort),
                "ca_file", central.pki.caFile().toAbsolutePath().toString(),
                "bridge_username", "node-a",
                "bridge_password", CentralFixture.NODE_PASSWORD,
                "persistence_dir", siteDir.resolve("data").toAbsolutePath() + "/"));
        return MosquittoProcess.startWithConfig(ProductionTemplates.write(siteDir.resolve("site.conf"), config),
                siteDir.resolve("run"), port);
    }
}
