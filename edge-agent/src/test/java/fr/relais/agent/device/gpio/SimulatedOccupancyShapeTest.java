package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.simulated.SimulatedDevices;
import fr.relais.agent.device.simulated.SimulatedDriver;
import fr.relais.protocol.DeviceKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's simulated entrance counter and room sensor send what the real GPIO drivers send: the
 * same event types, and metrics and event data with the same names and types, compared with a
 * real driver run on mock GPIO pins (not with a copy of the names).
 */
class SimulatedOccupancyShapeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Tuesday morning: the demo's places are open. */
    private static final Instant TUESDAY_9AM = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, PARIS).toInstant();

    private final MockGpio gpio = new MockGpio();
    private final MovableClock clock = new MovableClock(TUESDAY_9AM);
    private final TestContext context = new TestContext(clock, gpio.board());
    private final CapturingSink sink = new CapturingSink();
    private Device real;

    @AfterEach
    void closeEverything() {
        if (real != null) {
            real.close();
        }
        context.close();
        gpio.close();
    }

    private static Device simulated(String simulates, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put(SimulatedDriver.SIMULATES, simulates);
        return SimulatedDevices.create("rozoy-pi", new DeviceConfig("capteur", DeviceKind.PRESENCE_SENSOR, "Salle",
                DeviceConfig.SIMULATED, Duration.ofSeconds(60), DeviceConfig.DEFAULT_READ_TIMEOUT, settings));
    }

    /** Names and value types, for comparing shapes whatever the values. */
    private static Map<String, Class<?>> shape(Map<String, Object> values) {
        Map<String, Class<?>> shape = new TreeMap<>();
        values.forEach((name, value) -> shape.put(name, value.getClass()));
        return shape;
    }

    /** Reads every minute of a Tuesday's opening hours and collects the first event of each type. */
    private static Map<String, DeviceEvent> firstEvents(Device device, Set<String> wanted, Map<String, Reading> lastReading) {
        Map<String, DeviceEvent> first = new HashMap<>();
        for (int minute = 0; minute < 9 * 60 && first.size() < wanted.size(); minute++) {
            Reading reading = device.read(TUESDAY_9AM.plus(Duration.ofMinutes(minute)));
            lastReading.put("last", reading);
            reading.events().forEach(event -> first.putIfAbsent(event.type(), event));
        }
        assertThat(first.keySet()).as("event types seen on a Tuesday").containsExactlyInAnyOrderElementsOf(wanted);
        return first;
    }

    @Test
    void theSimulatedEntranceCounterSendsTheRealCountersEventsAndMetrics() throws Exception {
        real = new PeopleCounterDriver().create(Settings.device("entree", new PeopleCounterDriver(),
                "outerBeam: 20\ninnerBeam: 21\ndebounceMillis: 0\n"), context);
        real.open(sink);
        for (String step : "O+ I+ O- I- I+ O+ I- O-".split(" ")) {
            gpio.set(step.charAt(0) == 'O' ? 20 : 21, step.charAt(1) == '+');
            clock.advance(Duration.ofMillis(80));
        }
        assertThat(sink.types()).containsExactly(DailyCount.ENTRY, DailyCount.EXIT);
        Map<String, Object> realMetrics = real.read(clock.instant()).metrics();

        Map<String, Reading> last = new HashMap<>();
        Map<String, DeviceEvent> events = firstEvents(simulated(PeopleCounterDriver.NAME, Map.of()),
                Set.of(DailyCount.ENTRY, DailyCount.EXIT), last);

        assertThat(shape(events.get(DailyCount.ENTRY).data())).isEqualTo(shape(sink.last(DailyCount.ENTRY).data()));
        assertThat(shape(events.get(DailyCount.EXIT).data())).isEqualTo(shape(sink.last(DailyCount.EXIT).data()));
        assertThat(events.get(DailyCount.ENTRY).severity()).isEqualTo(sink.last(DailyCount.ENTRY).severity());
        assertThat(shape(last.get("last").metrics())).isEqualTo(shape(realMetrics));
    }

    @Test
    void theSimulatedRoomSensorSendsTheRealSensorsEventsAndMetrics() throws Exception {
        real = new GpioPresenceDriver().create(Settings.device("pir", new GpioPresenceDriver(),
                "pir: 5\nroom: Atelier\ndebounceMillis: 0\nholdSeconds: 60\n"), context);
        real.open(sink);
        gpio.set(5, true);
        clock.advance(Duration.ofMinutes(3));
        gpio.set(5, false);
        clock.advance(Duration.ofSeconds(61));
        await().until(() -> sink.types().contains(Occupancy.FREE));
        Map<String, Object> realMetrics = real.read(clock.instant()).metrics();

        Map<String, Reading> last = new HashMap<>();
        Map<String, DeviceEvent> events = firstEvents(simulated(GpioPresenceDriver.NAME, Map.of("room", "Atelier",
                "holdSeconds", 60L)), Set.of(Occupancy.OCCUPIED, Occupancy.FREE), last);

        assertThat(shape(events.get(Occupancy.OCCUPIED).data())).isEqualTo(shape(sink.last(Occupancy.OCCUPIED).data()));
        assertThat(shape(events.get(Occupancy.FREE).data())).isEqualTo(shape(sink.last(Occupancy.FREE).data()));
        assertThat(events.get(Occupancy.FREE).message()).isEqualTo(sink.last(Occupancy.FREE).message());
        assertThat(shape(last.get("last").metrics())).isEqualTo(shape(realMetrics));
    }
}
