package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Command;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch as the node runs it: found in the standard registry, polled, and its screen command routed by args.device. */
class KioskWatchOnTheNodeTest {
    @TempDir
    Path dir;

    @Test
    void theNodePollsTheWatchAndRoutesTheScreenCommandToIt() throws Exception {
        KioskRig rig = new KioskRig(dir, Instant.parse("2026-11-30T09:00:00Z"));
        rig.script("screen", "echo \"$*\" >> '" + dir.resolve("screen-calls") + "'");
        NodeConfig config = new ConfigLoader(Map.of()).parse("""
                node: rozoy-pi
                site: {id: rozoy, name: Rozoy, kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - id: borne
                    kind: kiosk
                    name: Borne d'accueil
                    driver: kiosk-watch
                    pollSeconds: 1
                    settings:
                      statusCommand: %s
                      screen: {on: [%s, "on"], off: [%s, "off"]}
                """.formatted(rig.statusCommand(), dir.resolve("screen"), dir.resolve("screen")), dir);
        List<Reading> readings = new CopyOnWriteArrayList<>();
        DeviceReports reports = new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
                readings.add(reading);
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
            }
        };
        ScheduledExecutorService nodeThread = Executors.newSingleThreadScheduledExecutor();
        try (DeviceSet devices = DeviceSet.create(config.node(), "rozoy", config.devices(), DriverRegistry.standard(),
                Optional.empty(), reports, rig.clock, () -> false)) {
            devices.start(nodeThread);
            await().until(() -> !readings.isEmpty());
            CommandHandler screen = devices.commands(Duration.ofSeconds(10)).get("screen");

            Outcome outcome = screen.execute(new Command("screen", UUID.randomUUID(), Instant.now(), Optional.empty(),
                    Map.of("device", "borne", "state", "off")));

            assertThat(outcome.status()).as(outcome.reason()).isEqualTo(ReplyStatus.OK);
            assertThat(rig.calls("screen-calls")).containsExactly("off");
            assertThat(readings.get(0).health()).isEqualTo(Health.OK);
            assertThat(readings.get(0).metrics()).containsEntry("unitState", "active");
        } finally {
            nodeThread.shutdownNow();
        }
    }
}
