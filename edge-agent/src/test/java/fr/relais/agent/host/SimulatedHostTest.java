package fr.relais.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo node's own temperature: the real metric's name and type, marked, varying, its own. */
class SimulatedHostTest {
    private static final Instant MONDAY = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZoneId.of("Europe/Paris"))
            .toInstant();

    private static List<Double> fourWeeks(SimulatedHost host) {
        List<Double> temperatures = new ArrayList<>();
        for (int minute = 0; minute < 28 * 24 * 60; minute += 10) {
            temperatures.add((Double) host.read(MONDAY.plus(Duration.ofMinutes(minute))).get(CpuTemperature.METRIC));
        }
        return temperatures;
    }

    @Test
    void saysTheTemperatureAsTheRealSensorDoesAndThatItIsSimulated(@TempDir Path sys) throws Exception {
        Path zone = sys.resolve("class/thermal/thermal_zone0");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("type"), "cpu-thermal\n");
        Files.writeString(zone.resolve("temp"), "48312\n");
        Map<String, Object> real = new HostMonitor(sys.resolve("agent.db"), sys, sys).read();

        Map<String, Object> simulated = new SimulatedHost("rozoy-pi").read(MONDAY);

        assertThat(simulated.get(CpuTemperature.METRIC)).isInstanceOf(real.get(CpuTemperature.METRIC).getClass());
        assertThat(simulated).containsEntry(SimulatedHost.MARK, true).containsOnlyKeys(CpuTemperature.METRIC,
                SimulatedHost.MARK);
    }

    @Test
    void variesOverTheDayAndTheWeekWithAnHourTooHotNowAndThen() {
        List<Double> temperatures = fourWeeks(new SimulatedHost("rozoy-pi"));

        assertThat(temperatures).allSatisfy(celsius -> assertThat(celsius).isBetween(30.0, 105.0));
        assertThat(temperatures.stream().distinct().count()).isGreaterThan(100);
        long hotReadings = temperatures.stream().filter(celsius -> celsius >= 80).count();
        // About one hour a week (six readings of ten minutes), so the cpu-too-hot alert opens and clears.
        assertThat(hotReadings).isBetween(12L, 36L);
        double threeAm = temperatures.get(3 * 6 + 24 * 6);
        double threePm = temperatures.get(15 * 6 + 24 * 6);
        assertThat(threePm).as("Tuesday afternoon, open and warm, against the night").isGreaterThan(threeAm + 5);
    }

    @Test
    void eachNodeHasItsOwnAndTheSameAtEveryRun() {
        List<Double> rozoy = fourWeeks(new SimulatedHost("rozoy-pi"));
        assertThat(fourWeeks(new SimulatedHost("rozoy-pi"))).isEqualTo(rozoy);
        assertThat(fourWeeks(new SimulatedHost("montcornet-pi"))).isNotEqualTo(rozoy);
    }
}
