package fr.relais.agent.device.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.gpio.Occupancy;
import fr.relais.protocol.DeviceKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's room sensors and probes: plausible, different per node, the same at every run. */
class SimulatedRoomAndProbeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant TUESDAY = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, PARIS).toInstant();

    private static Device device(String node, DeviceKind kind, Map<String, Object> settings) {
        return SimulatedDevices.create(node, new DeviceConfig("dev", kind, "Salle d'atelier", DeviceConfig.SIMULATED,
                Duration.ofSeconds(60), DeviceConfig.DEFAULT_READ_TIMEOUT, settings));
    }

    private static List<DeviceEvent> day(Device device, Instant start) {
        List<DeviceEvent> events = new ArrayList<>();
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            List<DeviceEvent> now = device.read(at).events();
            if (!DemoHours.isOpen(at) && !now.isEmpty()) {
                // Only the end of a session that ran until closing time: the room empties after its hold.
                assertThat(now).extracting(DeviceEvent::type).containsOnly(Occupancy.FREE);
            }
            events.addAll(now);
        }
        return events;
    }

    @Test
    void aRoomIsTakenAndFreedDuringTheDayAndSaysForHowLong() {
        Device room = device("rozoy-pi", DeviceKind.PRESENCE_SENSOR, Map.of("room", "salle", "holdSeconds", 120L));
        List<DeviceEvent> tuesday = day(room, TUESDAY);

        assertThat(tuesday).isNotEmpty();
        assertThat(tuesday).extracting(DeviceEvent::type).containsOnly(Occupancy.OCCUPIED, Occupancy.FREE);
        // Taken, freed, taken, freed…: never twice the same in a row.
        for (int i = 0; i < tuesday.size(); i++) {
            assertThat(tuesday.get(i).type()).isEqualTo(i % 2 == 0 ? Occupancy.OCCUPIED : Occupancy.FREE);
            assertThat(tuesday.get(i).data()).containsEntry("room", "salle");
        }
        assertThat(tuesday).filteredOn(event -> event.type().equals(Occupancy.FREE))
                .allSatisfy(event -> assertThat((Long) event.data().get("occupiedMinutes")).isBetween(1L, 180L));
        assertThat(day(room, TUESDAY.minus(Duration.ofDays(2)))).as("Sunday").isEmpty();
    }

    @Test
    void aRoomTellsTheSameDayEveryRunAndTakesItsNameFromTheDeviceWhenNoneIsGiven() {
        List<DeviceEvent> first = day(device("rozoy-pi", DeviceKind.PRESENCE_SENSOR, Map.of()), TUESDAY);
        assertThat(day(device("rozoy-pi", DeviceKind.PRESENCE_SENSOR, Map.of()), TUESDAY)).isEqualTo(first);
        assertThat(first.get(0).data()).containsEntry("room", "Salle d'atelier");
    }

    @Test
    void badRoomSettingsAreRefusedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> device("n", DeviceKind.PRESENCE_SENSOR,
                Map.of("holdSeconds", 0L))).withMessage("settings.holdSeconds must be between 1 and 86400, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> device("n", DeviceKind.PRESENCE_SENSOR,
                Map.of("room", " "))).withMessage("settings.room must not be blank");
    }

    private static double medianThroughput(Device probe, Instant from, int readings) {
        List<Double> figures = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            Object mbps = probe.read(from.plus(Duration.ofMinutes(i))).metrics().get("throughputMbps");
            if (mbps != null) {
                figures.add((Double) mbps);
            }
        }
        figures.sort(null);
        return figures.get(figures.size() / 2);
    }

    @Test
    void eachVillagesLineHasItsOwnSpeedWithinItsKind() {
        Instant tuesday10 = TUESDAY.plus(Duration.ofHours(10));
        double dohis = medianThroughput(device("dohis-pi", DeviceKind.PROBE, Map.of("link", "adsl")), tuesday10, 120);
        double archon = medianThroughput(device("archon-pi", DeviceKind.PROBE, Map.of("link", "adsl")), tuesday10, 120);
        double fibre = medianThroughput(device("archon-pi", DeviceKind.PROBE, Map.of("link", "fibre")), tuesday10, 120);

        assertThat(dohis).isBetween(3.0, 16.0).isNotCloseTo(archon, org.assertj.core.data.Offset.offset(0.3));
        assertThat(archon).isBetween(3.0, 16.0);
        assertThat(fibre).isGreaterThan(150.0);
        assertThat(medianThroughput(device("dohis-pi", DeviceKind.PROBE, Map.of("link", "adsl")), tuesday10, 120))
                .as("the same at every run").isEqualTo(dohis);
    }

    @Test
    void theVansMobileLinkChangesWithItsStop() {
        SimulatedProbe van = (SimulatedProbe) device("spi-pi", DeviceKind.PROBE, Map.of("link", "4g"));
        List<Double> coverage = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            Instant morning = TUESDAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(10));
            assertThat(van.stopCoverage(morning)).as("one stop all morning")
                    .isEqualTo(van.stopCoverage(morning.plus(Duration.ofMinutes(90))));
            coverage.add(van.stopCoverage(morning));
            coverage.add(van.stopCoverage(morning.plus(Duration.ofHours(5))));
        }
        assertThat(coverage).allSatisfy(value -> assertThat(value).isBetween(0.25, 1.5));
        assertThat(coverage.stream().distinct().count()).as("twenty stops, twenty coverages").isEqualTo(20);
        assertThat(coverage.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isGreaterThan(2 * coverage.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        SimulatedProbe again = (SimulatedProbe) device("spi-pi", DeviceKind.PROBE, Map.of("link", "4g"));
        assertThat(again.stopCoverage(TUESDAY.plus(Duration.ofHours(10)))).isEqualTo(coverage.get(0));
    }
}
