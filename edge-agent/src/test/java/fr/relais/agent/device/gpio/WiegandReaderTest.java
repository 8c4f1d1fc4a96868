package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WiegandReaderTest {
    private static final int D0 = 14;
    private static final int D1 = 15;
    private static final int LED = 18;

    private final MockGpio gpio = new MockGpio();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final TestContext context = new TestContext(clock, gpio.board());
    private final CapturingSink sink = new CapturingSink();
    private WiegandReader reader;

    @BeforeEach
    void openTheReader() throws Exception {
        // A long frame timeout: a test thread paused mid-frame must not cut a frame in two.
        reader = (WiegandReader) new WiegandDriver().create(Settings.device("lecteur-cowork", new WiegandDriver(),
                "d0: " + D0 + "\nd1: " + D1 + "\nled: " + LED + "\nframeTimeoutMillis: 400"), context);
        reader.open(sink);
        gpio.set(D0, true);
        gpio.set(D1, true);
    }

    @AfterEach
    void closeEverything() {
        reader.close();
        context.close();
        gpio.close();
    }

    /** Sends bits as a reader does: a low pulse on D0 for a 0, on D1 for a 1. */
    private void send(String bits) {
        for (char bit : bits.toCharArray()) {
            gpio.pulseLow(bit == '1' ? D1 : D0);
        }
    }

    private DeviceEvent next(int count) {
        await().until(() -> sink.events.size() >= count);
        return sink.events.get(count - 1);
    }

    @Test
    void aCardBecomesTheHashOfItsNumberAndNothingElse() {
        send(WiegandBits.frame(8, 17, 12345));
        DeviceEvent read = next(1);
        assertThat(read.type()).isEqualTo(BadgeEvents.READ);
        assertThat(read.data()).containsOnlyKeys("badgeHash", "format")
                .containsEntry("badgeHash", BadgeHasher.forTests().hash("0001126457"))
                .containsEntry("format", "wiegand-26");

        send(WiegandBits.frame(16, 0x0040, 0x4A7A));
        assertThat(next(2).data()).as("the hash a USB or serial reader gives card 0004213370")
                .containsEntry("badgeHash", BadgeHasher.forTests().hash("0004213370"))
                .containsEntry("format", "wiegand-34");
        assertThat(reader.read(clock.instant()).metrics()).containsEntry("framesRead", 2L).containsEntry("rejectedFrames", 0L);
    }

    @Test
    void badFramesAreRefusedWithAReasonAndCounted() {
        send(WiegandBits.flip(WiegandBits.frame(8, 17, 12345), 5));
        DeviceEvent parity = next(1);
        assertThat(parity.type()).isEqualTo(BadgeEvents.REJECTED);
        assertThat(parity.message()).isEqualTo("Lecture de badge refusée : parité incorrecte");
        assertThat(parity.data()).containsOnlyKeys("reason", "format");

        send(WiegandBits.frame(8, 17, 12345).substring(0, 20));
        assertThat(next(2).data()).as("a truncated frame").containsEntry("reason", "trame de 20 bits (26 ou 34 attendus)");

        send("1".repeat(80));
        assertThat(next(3).data()).as("a line chattering").containsEntry("reason", "trame trop longue (plus de 64 bits)");

        assertThat(reader.read(clock.instant()).metrics()).containsEntry("rejectedFrames", 3L).containsEntry("framesRead", 0L)
                .containsEntry("lastRejection", "length");
        send(WiegandBits.frame(8, 1, 2));
        assertThat(next(4).type()).as("the next good frame still reads").isEqualTo(BadgeEvents.READ);
    }

    @Test
    void aPulseWhileTheOtherLineIsLowTooIsNoiseNotABit() {
        String good = WiegandBits.frame(8, 17, 12345);
        send(good.substring(0, 10));
        gpio.set(D1, false);
        gpio.pulseLow(D0);
        gpio.set(D1, true);
        send(good.substring(11));
        DeviceEvent noise = next(1);
        assertThat(noise.type()).isEqualTo(BadgeEvents.REJECTED);
        assertThat(noise.data()).containsEntry("reason", "bruit sur la ligne (D0 et D1 actifs ensemble)");
        assertThat(sink.events).hasSize(1);
    }

    @Test
    void bothLinesLowAtRestIsAReaderProblem() {
        assertThat(reader.read(clock.instant()).health()).isEqualTo(Health.OK);
        gpio.set(D0, false);
        gpio.set(D1, false);
        assertThat(reader.read(clock.instant()).health()).isEqualTo(Health.WARNING);
        assertThat(reader.read(clock.instant()).metrics()).containsEntry("dataLinesLow", true);
    }

    @Test
    void theAccessDecisionPlaysOnTheReadersLed() {
        List<Boolean> led = gpio.record(LED);
        reader.signal(SignalPattern.GRANTED);
        await().until(() -> led.size() >= 2);
        assertThat(led).containsExactly(true, false);
        assertThat(reader.actions()).containsOnlyKeys(SignalAction.NAME);
    }
}
