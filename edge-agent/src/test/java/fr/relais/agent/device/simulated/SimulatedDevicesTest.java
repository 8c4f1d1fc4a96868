package fr.relais.agent.device.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatedDevicesTest {
    private static final Instant TUESDAY_10AM = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneId.of("Europe/Paris"))
            .toInstant();

    private static Device device(DeviceKind kind, Map<String, Object> settings) {
        return SimulatedDevices.create("node-1", new DeviceConfig("dev-1", kind, "Appareil", DeviceConfig.SIMULATED, Duration.ofSeconds(10),
                DeviceConfig.DEFAULT_READ_TIMEOUT, settings));
    }

    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void everyKindHasASimulationThatSaysItIsOne(DeviceKind kind) {
        Device device = device(kind, Map.of());
        assertThat(device.info().simulated()).isTrue();
        assertThat(device.info().kind()).isEqualTo(kind);
        assertThat(device.read(TUESDAY_10AM).metrics()).isNotEmpty();
    }

    @Test
    void aBadgeReaderReadsTheDemoCardsNowAndThenAsHashesOnly() {
        Device reader = device(DeviceKind.BADGE_READER, Map.of());
        java.util.Set<Object> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 400; i++) {
            reader.read(TUESDAY_10AM).events().forEach(event -> {
                assertThat(event.type()).isEqualTo("badge");
                hashes.add(event.data().get("badgeHash"));
            });
        }
        assertThat(hashes).as("the five demo cards, each a 64-hex hash").hasSize(5)
                .allSatisfy(hash -> assertThat((String) hash).matches("[0-9a-f]{64}"));
    }

    @Test
    void aPrinterRunsOutOfTonerAndIsSaidToBeCriticalThenGetsANewCartridge() {
        Device printer = device(DeviceKind.PRINTER, Map.of("tonerPercent", 20L));
        List<Long> toner = new ArrayList<>();
        List<Health> health = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Reading reading = printer.read(TUESDAY_10AM);
            toner.add((Long) reading.metrics().get("tonerPercent"));
            health.add(reading.health());
            reading.events().forEach(event -> events.add(event.type()));
            if (reading.metrics().get("paperOut").equals(true)) {
                assertThat(reading.health()).isEqualTo(Health.CRITICAL);
            }
        }
        assertThat(toner.get(0)).isLessThanOrEqualTo(20L);
        assertThat(toner).contains(0L, 100L);
        assertThat(health).contains(Health.OK, Health.WARNING, Health.CRITICAL);
        assertThat(events).contains("toner-replaced", "paper-out", "paper-loaded");
    }

    @Test
    void aPrinterJamsNowAndThenForAFewReadingsAndSaysSo() {
        Device printer = device(DeviceKind.PRINTER, Map.of("tonerPercent", 100L));
        List<Integer> jams = new ArrayList<>();
        List<String> events = new ArrayList<>();
        int run = 0;
        long pagesBefore = -1;
        for (int i = 0; i < 3_000; i++) {
            Reading reading = printer.read(TUESDAY_10AM);
            long pages = (Long) reading.metrics().get("pagesPrinted");
            reading.events().forEach(event -> events.add(event.type()));
            if (reading.metrics().get("paperJam").equals(true)) {
                assertThat(reading.health()).isIn(Health.WARNING, Health.CRITICAL);
                assertThat(reading.metrics()).containsEntry("state", "jammed");
                if (run > 0) {
                    assertThat(pages).as("nothing prints while jammed").isEqualTo(pagesBefore);
                } else {
                    assertThat(reading.events()).extracting(event -> event.type()).contains("paper-jam");
                }
                run++;
            } else {
                if (run > 0) {
                    jams.add(run);
                    assertThat(reading.events()).extracting(event -> event.type()).contains("paper-jam-cleared");
                }
                run = 0;
            }
            pagesBefore = pages;
        }
        assertThat(jams).as("jams in 3 000 readings").hasSizeBetween(3, 40)
                .allSatisfy(length -> assertThat(length)
                        .isBetween(SimulatedPrinter.MIN_JAM_READINGS, SimulatedPrinter.MAX_JAM_READINGS));
        assertThat(events).contains("paper-jam", "paper-jam-cleared", "paper-out");
    }

    @Test
    void aPrintersJamsAreTheSameEveryTimeForTheSameDevice() {
        assertThat(jamStory("rozoy-pi", "imprimante-accueil")).isEqualTo(jamStory("rozoy-pi", "imprimante-accueil"))
                .isNotEqualTo(jamStory("rozoy-pi", "imprimante-cowork"))
                .contains(true);
    }

    @Test
    void theSameDeviceIdOnTwoNodesTellsTwoStories() {
        // Every tiers-lieu of the demo has an "imprimante-accueil": each must show its own toner and pages.
        Device rozoy = printer(new SimulatedDriver(), "rozoy-pi", "imprimante-accueil");
        Device montcornet = printer(new SimulatedDriver(), "montcornet-pi", "imprimante-accueil");
        Map<String, Object> first = rozoy.read(TUESDAY_10AM).metrics();
        Map<String, Object> second = montcornet.read(TUESDAY_10AM).metrics();

        assertThat(first.get("tonerPercent")).isNotEqualTo(second.get("tonerPercent"));
        assertThat(first.get("pagesPrinted")).isNotEqualTo(second.get("pagesPrinted"));
        assertThat(jamStory("rozoy-pi", "imprimante-accueil")).isNotEqualTo(jamStory("montcornet-pi", "imprimante-accueil"));
        assertThat(printer(new SimulatedDriver(), "rozoy-pi", "imprimante-accueil").read(TUESDAY_10AM).metrics())
                .as("and each node's story is the same every time").isEqualTo(first);
    }

    /** Through the driver, as the node makes it: the node's id comes from the driver context. */
    private static Device printer(SimulatedDriver driver, String node, String id) {
        return driver.create(printerConfig(id), new NodeOnlyContext(node));
    }

    private static DeviceConfig printerConfig(String id) {
        return new DeviceConfig(id, DeviceKind.PRINTER, "Imprimante", DeviceConfig.SIMULATED, Duration.ofSeconds(10),
                DeviceConfig.DEFAULT_READ_TIMEOUT, Map.of());
    }

    private static List<Boolean> jamStory(String node, String id) {
        Device printer = SimulatedDevices.create(node, printerConfig(id));
        List<Boolean> story = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            story.add((Boolean) printer.read(TUESDAY_10AM).metrics().get("paperJam"));
        }
        return story;
    }

    @Test
    void aRoomIsFreeWhenThePlaceIsClosedAndTakenNowAndThenWhenOpen() {
        Device sensor = device(DeviceKind.PRESENCE_SENSOR, Map.of());
        Instant sundayMorning = ZonedDateTime.of(2026, 11, 29, 9, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant();
        for (int minute = 0; minute < 12 * 60; minute++) {
            Reading reading = sensor.read(sundayMorning.plusSeconds(60L * minute));
            assertThat(reading.metrics()).containsEntry("occupied", false);
            assertThat(reading.events()).isEmpty();
        }
        long occupiedMinutes = 0;
        for (int minute = 0; minute < 3 * 60; minute++) {
            occupiedMinutes += sensor.read(TUESDAY_10AM.plusSeconds(60L * minute)).metrics().get("occupied")
                    .equals(true) ? 1 : 0;
        }
        assertThat(occupiedMinutes).as("a Tuesday from 10:00 to 13:00").isPositive();
    }

    @Test
    void theVansLinkIsWorseThanFibre() {
        Device van = device(DeviceKind.PROBE, Map.of("link", "4g"));
        Device fibre = device(DeviceKind.PROBE, Map.of("link", "fibre"));
        long vanTrouble = 0;
        long fibreTrouble = 0;
        for (int i = 0; i < 300; i++) {
            vanTrouble += van.read(TUESDAY_10AM).health() == Health.OK ? 0 : 1;
            fibreTrouble += fibre.read(TUESDAY_10AM).health() == Health.OK ? 0 : 1;
        }
        assertThat(van.read(TUESDAY_10AM).metrics()).containsEntry("link", "4g");
        assertThat(vanTrouble).isGreaterThan(fibreTrouble);
    }

    @Test
    void refusesSettingsItDoesNotUnderstand() {
        assertThatThrownBy(() -> device(DeviceKind.PROBE, Map.of("link", "pigeon")))
                .hasMessageContaining("settings.link 'pigeon' is not one of: fibre, vdsl, adsl, 4g, 5g, satellite");
        assertThatThrownBy(() -> device(DeviceKind.PRINTER, Map.of("tonerPercent", "full")))
                .hasMessageContaining("settings.tonerPercent must be a number");
        assertThatThrownBy(() -> device(DeviceKind.PRINTER, Map.of("tonerPercent", 150L)))
                .hasMessageContaining("between 0 and 100");
    }

    /** A driver context that knows only its node: all a simulation asks for. */
    private record NodeOnlyContext(String node) implements DriverContext {
        @Override
        public String site() {
            return "site-1";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public BadgeHasher badges() {
            throw new UnsupportedOperationException("simulations hash no badge");
        }

        @Override
        public ScheduledExecutorService timers() {
            throw new UnsupportedOperationException("simulations use no timer");
        }

        @Override
        public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
            throw new UnsupportedOperationException("simulations share nothing");
        }

        @Override
        public boolean replayingBacklog() {
            return false;
        }
    }
}
