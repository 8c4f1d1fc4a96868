package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.protocol.Command;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GPIO devices in a node runtime: events reach the reports, and a closed runtime frees its pins. */
class GpioDeviceSetTest {
    private static final String BADGE_KEY = "k".repeat(32);

    private final MockGpio gpio = new MockGpio();
    private final ScheduledExecutorService nodeThread = Executors.newSingleThreadScheduledExecutor();
    private final Reports reports = new Reports();
    private final DriverRegistry registry = DriverRegistry.standard()
            .provide(GpioBoard.class, gpio::boardOfOneRuntime);

    @AfterEach
    void closeEverything() {
        nodeThread.shutdownNow();
        gpio.close();
    }

    /** What the runtime would store in the outbox, by device. */
    private static final class Reports implements DeviceReports {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final java.util.Set<String> read = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void reading(String deviceId, Reading reading) {
            if (!reading.metrics().containsKey("error")) {
                read.add(deviceId);
            }
            if (reading.health() == Health.CRITICAL && reading.metrics().get("error") instanceof String error) {
                problems.add(deviceId + ": " + error);
            }
        }

        @Override
        public void event(String deviceId, DeviceEvent event) {
            events.add(deviceId + " " + event.type());
        }
    }

    private DeviceSet start(List<DeviceConfig> devices) {
        DeviceSet set = DeviceSet.create("cowork-pi", "rozoy-cowork", devices, registry, Optional.of(BADGE_KEY),
                reports, Clock.systemUTC(), () -> false);
        set.start(nodeThread);
        return set;
    }

    private static List<DeviceConfig> coworkingEntrance() throws Exception {
        return List.of(
                Settings.device("porte", new GpioDoorDriver(), "relay: 27\ncontact: 17\ndebounceMillis: 0"),
                Settings.device("lecteur", new WiegandDriver(), "d0: 14\nd1: 15\nframeTimeoutMillis: 400"));
    }

    private void badge() {
        gpio.set(14, true);
        gpio.set(15, true);
        for (char bit : WiegandBits.frame(8, 17, 12345).toCharArray()) {
            gpio.pulseLow(bit == '1' ? 15 : 14);
        }
    }

    private static Command command(String name, Map<String, Object> args) {
        return new Command(name, UUID.randomUUID(), Instant.now(), Optional.empty(), args);
    }

    @Test
    void eventsOfGpioDevicesReachTheReportsAndCommandsReachTheDoor() throws Exception {
        try (DeviceSet set = start(coworkingEntrance())) {
            await().until(() -> reports.read.containsAll(List.of("porte", "lecteur")));
            badge();
            await().until(() -> reports.events.contains("lecteur " + BadgeEvents.READ));

            Outcome opened = set.commands(Duration.ofSeconds(5)).get(GpioDoor.OPEN_DOOR)
                    .execute(command(GpioDoor.OPEN_DOOR, Map.of("device", "porte", "pulseMillis", 200L)));
            assertThat(opened.status()).isEqualTo(ReplyStatus.OK);
            gpio.set(17, true);
            gpio.set(17, false);
            assertThat(reports.events).containsExactly("lecteur badge", "porte door-opened", "porte door-closed");
            assertThat(set.commands(Duration.ofSeconds(5))).containsKeys(GpioDoor.OPEN_DOOR, SignalAction.NAME);
        }
    }

    @Test
    void closingTheRuntimeFreesEveryPinSoTheNextRuntimeTakesThemAgain() throws Exception {
        DeviceSet first = start(coworkingEntrance());
        await().until(() -> reports.read.containsAll(List.of("porte", "lecteur")));
        first.close();
        reports.read.clear();
        assertThat(List.of(27, 17, 14, 15)).noneMatch(gpio::held);

        // The mock header keeps running: had the first runtime kept a line, Pi4J would refuse its address now.
        try (DeviceSet second = start(coworkingEntrance())) {
            await().until(() -> reports.read.containsAll(List.of("porte", "lecteur")));
            badge();
            await().until(() -> reports.events.contains("lecteur " + BadgeEvents.READ));
            assertThat(reports.problems).isEmpty();
        }
    }

    @Test
    void twoDevicesOfANodeOnOnePinAreRefusedNamingBoth() throws Exception {
        try (DeviceSet set = start(List.of(
                Settings.device("porte", new GpioDoorDriver(), "relay: 27\ncontact: 17"),
                Settings.device("pir-salle", new GpioPresenceDriver(), "pir: 17")))) {
            await().until(() -> !reports.problems.isEmpty());
            assertThat(reports.problems.get(0)).containsPattern(
                    "(porte: cannot open: BCM 17 is already used by pir-salle.pir; porte.contact cannot use it too"
                            + "|pir-salle: cannot open: BCM 17 is already used by porte.contact; pir-salle.pir cannot use it too)");
            assertThat(gpio.held(17)).isTrue();
            if (reports.problems.get(0).startsWith("porte")) {
                assertThat(gpio.held(27)).as("the door gave back its relay when it could not take its contact").isFalse();
            }
        }
    }
}
