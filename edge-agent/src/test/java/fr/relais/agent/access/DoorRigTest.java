package fr.relais.agent.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.Gpio;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.Mock;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import fr.relais.agent.device.gpio.SignalPattern;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path the access benchmark measures, on Pi4J's mock platform: the bits of a Wiegand
 * frame pulsed on the reader's data pins, the real reader and door drivers, the decision, the
 * relay pin. Staff badges (any hour) so the test does not depend on the time it runs at.
 */
class DoorRigTest {
    static final DoorRig.Pins PINS = DoorRig.Pins.DEFAULT;

    final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    final RecordingDevices.Log log = new RecordingDevices.Log();
    DoorRig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
        pi4j.shutdown();
    }

    static AccessList list(String... cardNumbers) {
        List<BadgeGrant> grants = new java.util.ArrayList<>();
        int n = 0;
        for (String number : cardNumbers) {
            grants.add(new BadgeGrant(DoorRig.badgeHash(number), "m" + n++, BadgeClass.STAFF, Optional.empty(),
                    Optional.empty(), false, Set.of(DoorRig.DOOR), List.of(), List.of(), Optional.empty()));
        }
        return new AccessList(DoorRig.SITE, 1, Optional.empty(), Instant.now(), ZoneId.of("Europe/Paris"), grants,
                Set.of());
    }

    void start(AccessList list) {
        HeldList held = HeldList.of(list, Instant.now());
        rig = DoorRig.start(pi4j, Mock.DIGITAL_INPUT_PROVIDER_ID, Mock.DIGITAL_OUTPUT_PROVIDER_ID, PINS, 10,
                () -> Optional.of(held), log);
        await().until(rig::ready);
        // Data lines idle high (the reader's pull-ups), the door closed.
        set(PINS.d0(), true);
        set(PINS.d1(), true);
        set(PINS.contact(), false);
    }

    void send(boolean[] bits) {
        for (boolean one : bits) {
            int line = one ? PINS.d1() : PINS.d0();
            set(line, false);
            set(line, true);
        }
    }

    @Test
    void aKnownCardOnTheReaderPinsReleasesTheRelay() {
        start(list(DoorRig.cardNumber(12, 3456)));
        List<Boolean> relay = record(PINS.relay());
        assertThat(high(PINS.relay())).isFalse();

        send(DoorRig.wiegand26(12, 3456));

        await().until(() -> relay.contains(true));
        await().until(() -> !log.entries.isEmpty());
        assertThat(log.last().type()).isEqualTo(AccessEvents.GRANTED);
        assertThat(log.last().data()).containsEntry("reason", "staff").containsEntry("reader", DoorRig.READER)
                .containsEntry("door", DoorRig.DOOR).containsEntry("badgeHash", DoorRig.badgeHash("0000789888"));
        await().until(() -> !high(PINS.relay()));
    }

    @Test
    void anUnknownCardLeavesTheRelayOffAndIsLoggedDenied() {
        start(list(DoorRig.cardNumber(12, 3456)));
        List<Boolean> relay = record(PINS.relay());

        send(DoorRig.wiegand26(12, 3457));

        await().until(() -> !log.entries.isEmpty());
        assertThat(log.last().type()).isEqualTo(AccessEvents.DENIED);
        assertThat(log.last().data()).containsEntry("reason", "unknown");
        assertThat(relay).doesNotContain(true);
        assertThat(rig.doors().metrics()).containsEntry("accessDenied", 1L);
    }

    @Test
    void aFrameWithABadParityIsRefusedAndSaidSoToTheLog() {
        start(list(DoorRig.cardNumber(12, 3456)));
        List<Boolean> relay = record(PINS.relay());
        boolean[] bits = DoorRig.wiegand26(12, 3456);
        bits[25] = !bits[25];

        send(bits);

        await().until(() -> !log.entries.isEmpty());
        assertThat(log.entries.get(0).device()).contains(DoorRig.READER);
        assertThat(log.last().type()).isEqualTo("badge-frame-rejected");
        assertThat(log.ofType(AccessEvents.DENIED)).isEmpty();
        assertThat(relay).doesNotContain(true);
    }

    @Test
    void theWiegandBitsCarryTheirParity() {
        boolean[] bits = DoorRig.wiegand26(0, 1);
        assertThat(bits).hasSize(26);
        assertThat(bits[24]).as("the card's lowest bit").isTrue();
        assertThat(bits[0]).as("even parity of a first half of zeros").isFalse();
        assertThat(bits[25]).as("odd parity of a second half with one 1").isFalse();
        assertThat(SignalPattern.GRANTED.wire()).isEqualTo("granted");
    }

    void set(int bcm, boolean high) {
        ((MockDigitalInput) io(bcm)).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    boolean high(int bcm) {
        return io(bcm).isHigh();
    }

    List<Boolean> record(int bcm) {
        List<Boolean> levels = new CopyOnWriteArrayList<>();
        ((DigitalOutput) io(bcm)).addListener(event -> levels.add(event.state() == DigitalState.HIGH));
        return levels;
    }

    @SuppressWarnings("rawtypes")
    Digital io(int bcm) {
        return pi4j.registry().all().values().stream()
                .filter(io -> io instanceof Gpio<?, ?, ?> gpio && gpio.address().intValue() == bcm)
                .map(Digital.class::cast).findFirst().orElseThrow(() -> new AssertionError("nobody holds " + bcm));
    }
}
