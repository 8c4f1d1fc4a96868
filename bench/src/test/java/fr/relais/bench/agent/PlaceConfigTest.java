package fr.relais.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.config.ReportingPace;
import fr.relais.agent.simulation.TimeScale;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void theAgentAcceptsTheMediationPlaceAllSimulated(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-11-30T23:00:00Z");
        NodeConfig config = loader.parse(PlaceConfig.place(1883, 288, start), dir);
        assertThat(config.site().kind()).isEqualTo(SiteKind.MEDIATION);
        assertThat(config.devices()).hasSize(10).allMatch(DeviceConfig::simulated);
        assertThat(config.simulation()).contains(new TimeScale(288, Optional.of(start)));
        assertThat(config.devices()).filteredOn(device -> device.id().equals("imprimante-accueil"))
                .extracting(DeviceConfig::pollInterval).containsExactly(Duration.ofSeconds(30));
        assertThat(config.devices()).filteredOn(device -> device.id().equals("sonde-internet"))
                .extracting(DeviceConfig::pollInterval).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void thePlaceReportsAtThePaceProvisioningRenders(@TempDir Path dir) throws Exception {
        NodeConfig config = loader.parse(PlaceConfig.place(1883, 48, Instant.parse("2026-11-30T23:00:00Z")), dir);
        assertThat(config.telemetryInterval()).isEqualTo(Duration.ofSeconds(ReportingPace.NODE_SECONDS));
        assertThat(config.devices()).filteredOn(device -> device.kind() != DeviceKind.PRINTER
                        && device.kind() != DeviceKind.PROBE)
                .extracting(DeviceConfig::pollInterval).containsOnly(Duration.ofSeconds(ReportingPace.NODE_SECONDS));
        assertThat(config.devices()).filteredOn(device -> device.kind() == DeviceKind.PRINTER)
                .extracting(DeviceConfig::pollInterval).containsExactly(Duration.ofSeconds(ReportingPace.PRINTER_SECONDS));
    }

    @Test
    void theIdleNodeHasNoDeviceAndRealTime(@TempDir Path dir) throws Exception {
        NodeConfig config = loader.parse(PlaceConfig.idle(1883), dir);
        assertThat(config.devices()).isEmpty();
        assertThat(config.simulation()).isEmpty();
        assertThat(config.telemetryInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDayIsTheLastTuesdayBeforeTodayFromMidnightInParis() {
        Instant wednesday = PlaceConfig.lastTuesday(LocalDate.of(2026, 12, 2));
        assertThat(wednesday).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        Instant tuesday = PlaceConfig.lastTuesday(LocalDate.of(2026, 12, 1));
        assertThat(tuesday.atZone(PlaceConfig.PARIS).getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(tuesday.atZone(PlaceConfig.PARIS).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(tuesday.atZone(PlaceConfig.PARIS).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    }
}
