package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.Reading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioPresenceTest {
    private static final int PIR = 5;

    private final MockGpio gpio = new MockGpio();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final TestContext context = new TestContext(clock, gpio.board());
    private final CapturingSink sink = new CapturingSink();
    private Device sensor;

    @AfterEach
    void closeEverything() {
        if (sensor != null) {
            sensor.close();
        }
        context.close();
        gpio.close();
    }

    private Device open(String settings) throws Exception {
        sensor = new GpioPresenceDriver().create(Settings.device("pir-atelier", new GpioPresenceDriver(),
                "pir: " + PIR + "\nroom: Atelier\n" + settings), context);
        sensor.open(sink);
        return sensor;
    }

    @Test
    void aRoomIsOccupiedAtTheFirstMotionAndFreeAfterTheHoldWithoutMotion() throws Exception {
        Device sensor = open("debounceMillis: 0\nholdSeconds: 300");
        gpio.set(PIR, true);
        assertThat(sink.types()).containsExactly(Occupancy.OCCUPIED);
        Reading pushed = sink.readings.get(0);
        assertThat(pushed.metrics()).containsEntry("occupied", true).containsEntry("room", "Atelier");
        assertThat(pushed.events().get(0).message()).isEqualTo("Salle « Atelier » occupée");

        clock.advance(Duration.ofMinutes(2));
        gpio.set(PIR, false);
        clock.advance(Duration.ofSeconds(299));
        assertThat(sensor.read(clock.instant()).metrics()).as("still within the hold").containsEntry("occupied", true);

        gpio.set(PIR, true);
        gpio.set(PIR, false);
        clock.advance(Duration.ofSeconds(299));
        assertThat(sensor.read(clock.instant()).metrics()).as("a new motion restarts the hold").containsEntry("occupied", true);

        clock.advance(Duration.ofSeconds(2));
        await().until(() -> sink.types().contains(Occupancy.FREE));
        assertThat(sink.types()).containsExactly(Occupancy.OCCUPIED, Occupancy.FREE);
        assertThat(sink.last(Occupancy.FREE).data()).containsEntry("occupiedMinutes", 11L);
        assertThat(sensor.read(clock.instant()).metrics()).containsEntry("occupied", false).containsEntry("motionCount", 2L);
    }

    @Test
    void aMotionStillGoingOnKeepsTheRoomOccupiedPastTheHold() throws Exception {
        Device sensor = open("debounceMillis: 0\nholdSeconds: 60");
        gpio.set(PIR, true);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sensor.read(clock.instant()).metrics()).containsEntry("occupied", true).containsEntry("motion", true);
    }

    @Test
    void glitchesShorterThanTheDebounceAreNotMotion() throws Exception {
        Device sensor = open("debounceMillis: 300");
        for (int i = 0; i < 5; i++) {
            gpio.set(PIR, true);
            gpio.set(PIR, false);
        }
        gpio.set(PIR, true);
        await().until(() -> sink.types().contains(Occupancy.OCCUPIED));
        gpio.set(PIR, false);
        await().until(() -> Boolean.FALSE.equals(sensor.read(clock.instant()).metrics().get("motion")));

        assertThat(sensor.read(clock.instant()).metrics()).containsEntry("motionCount", 1L);
        assertThat(sink.types()).containsExactly(Occupancy.OCCUPIED);
    }

    @Test
    void countsTheOccupiedMinutesOfThisClockHourAndTheLastOne() throws Exception {
        Device sensor = open("debounceMillis: 0\nholdSeconds: 300");
        clock.set(Instant.parse("2026-03-02T10:40:00Z"));
        gpio.set(PIR, true);
        clock.set(Instant.parse("2026-03-02T10:50:00Z"));
        gpio.set(PIR, false);
        clock.set(Instant.parse("2026-03-02T10:58:00Z"));
        assertThat(sensor.read(clock.instant()).metrics())
                .as("10:40 to 10:55 (the hold after the last motion)")
                .containsEntry("occupiedMinutesThisHour", 15.0).containsEntry("occupiedMinutesLastHour", 0.0);

        gpio.set(PIR, true);
        clock.set(Instant.parse("2026-03-02T11:30:00Z"));
        gpio.set(PIR, false);
        clock.set(Instant.parse("2026-03-02T11:45:30Z"));
        assertThat(sensor.read(clock.instant()).metrics())
                .containsEntry("occupiedMinutesLastHour", 17.0)
                .containsEntry("occupiedMinutesThisHour", 35.0);
    }
}
