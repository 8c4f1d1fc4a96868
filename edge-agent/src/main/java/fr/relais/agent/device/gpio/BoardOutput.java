package fr.relais.agent.device.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** An {@link OutputLine} over a Pi4J digital output. */
final class BoardOutput implements OutputLine {
    private final DigitalOutput io;
    private final Pin pin;

    BoardOutput(DigitalOutput io, Pin pin) {
        this.io = io;
        this.pin = pin;
    }

    static DigitalState level(Pin pin, boolean on) {
        return on != pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public Pin pin() {
        return pin;
    }

    @Override
    public void set(boolean on) {
        io.state(level(pin, on));
    }

    @Override
    public boolean isOn() {
        return io.isHigh() != pin.activeLow();
    }
}
