package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.device.DeviceException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioBoardTest {
    private final MockGpio gpio = new MockGpio();
    private final GpioBoard board = gpio.board();

    @AfterEach
    void closeEverything() {
        board.close();
        gpio.close();
    }

    @Test
    void anActiveLowInputIsActiveWhenLowAndSaysSoToItsListener() throws DeviceException {
        InputLine contact = board.wiring("porte").input("contact", new Pin(17, true, Pull.UP));
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        contact.listen(changes::add);
        gpio.set(17, true);
        assertThat(contact.active()).isFalse();
        gpio.set(17, false);
        assertThat(contact.active()).isTrue();
        assertThat(changes).containsExactly(false, true);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheNextChanges() throws DeviceException {
        InputLine button = board.wiring("porte").input("exitButton", new Pin(22, false, Pull.DOWN));
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        button.listen(active -> {
            changes.add(active);
            throw new IllegalStateException("a bug in a driver");
        });
        gpio.set(22, true);
        gpio.set(22, false);
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void anActiveLowOutputIsOffWhenHigh() throws DeviceException {
        OutputLine relay = board.wiring("porte").output("relay", new Pin(27, true, Pull.NONE));
        assertThat(gpio.high(27)).as("off from the start").isTrue();
        relay.set(true);
        assertThat(gpio.high(27)).isFalse();
        assertThat(relay.isOn()).isTrue();
    }

    @Test
    void aPinHasOneOwnerAndTheRefusalNamesBoth() throws DeviceException {
        board.wiring("porte").output("relay", new Pin(27, false, Pull.NONE));
        assertThatThrownBy(() -> board.wiring("lecteur").input("d0", new Pin(27, true, Pull.UP)))
                .isInstanceOf(DeviceException.class)
                .hasMessage("BCM 27 is already used by porte.relay; lecteur.d0 cannot use it too (one pin, one function per node)");
        assertThat(board.owners()).containsExactly(java.util.Map.entry(27, "porte.relay"));
    }

    @Test
    void aWiringGivesBackItsLinesAndTheBoardEveryOneLeft() throws DeviceException {
        Wiring door = board.wiring("porte");
        door.output("relay", new Pin(27, false, Pull.NONE)).set(true);
        door.input("contact", new Pin(17, true, Pull.UP));
        board.wiring("pir").input("pir", new Pin(5, false, Pull.DOWN));

        door.close();
        assertThat(gpio.held(27)).isFalse();
        assertThat(gpio.held(17)).isFalse();
        assertThat(board.owners()).containsOnlyKeys(5);
        board.wiring("lecteur").input("d0", new Pin(27, true, Pull.UP));

        board.close();
        assertThat(board.owners()).isEmpty();
        assertThatThrownBy(() -> board.wiring("porte").input("contact", new Pin(17, true, Pull.UP)))
                .hasMessageContaining("the GPIO board of this runtime is closed");
    }

    @Test
    void offAPiTheBoardSaysWhatIsMissing() {
        // On a Pi 4 or 5 this opens the real header (and nothing is claimed); anywhere else it must say why not.
        try (GpioBoard real = GpioBoard.onThePi()) {
            assertThat(real.owners()).isEmpty();
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("no Raspberry Pi GPIO header here: Pi4J does not recognise this board"
                    + " (the gpio drivers need a Pi 4 or Pi 5)");
        }
    }
}
