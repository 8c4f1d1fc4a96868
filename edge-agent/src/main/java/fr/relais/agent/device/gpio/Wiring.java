package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DeviceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines one device holds on the {@link GpioBoard}, each named by its role (the device's
 * settings key: {@code door-coworking.relay}), all given back by {@link #close}. A device that
 * cannot take every line it needs closes its wiring, so the retry at the next poll starts clean.
 */
public final class Wiring implements AutoCloseable {
    private final GpioBoard board;
    private final String device;
    private final List<Held> held = new ArrayList<>();

    private record Held(Pin pin, String owner) {
    }

    Wiring(GpioBoard board, String device) {
        this.board = board;
        this.device = device;
    }

    public synchronized InputLine input(String role, Pin pin) throws DeviceException {
        String owner = device + "." + role;
        InputLine line = board.input(pin, owner);
        held.add(new Held(pin, owner));
        return line;
    }

    public synchronized OutputLine output(String role, Pin pin) throws DeviceException {
        String owner = device + "." + role;
        OutputLine line = board.output(pin, owner);
        held.add(new Held(pin, owner));
        return line;
    }

    @Override
    public synchronized void close() {
        held.forEach(line -> board.release(line.pin(), line.owner()));
        held.clear();
    }
}
