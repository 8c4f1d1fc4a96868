package fr.relais.agent.device.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link InputLine} over a Pi4J digital input. */
final class BoardInput implements InputLine {
    private static final Logger LOG = LoggerFactory.getLogger(BoardInput.class);

    private final DigitalInput io;
    private final Pin pin;
    private DigitalStateChangeListener registered;

    BoardInput(DigitalInput io, Pin pin) {
        this.io = io;
        this.pin = pin;
    }

    @Override
    public Pin pin() {
        return pin;
    }

    @Override
    public boolean active() {
        return pin.activeLow() ? io.isLow() : io.isHigh();
    }

    @Override
    public synchronized void listen(Listener listener) {
        if (registered != null) {
            io.removeListener(registered);
        }
        registered = event -> {
            if (event.state() == DigitalState.UNKNOWN) {
                return;
            }
            boolean active = (event.state() == DigitalState.HIGH) != pin.activeLow();
            try {
                listener.changed(active);
            } catch (RuntimeException e) {
                // Pi4J's monitoring loop for this line would end with the exception: keep it alive.
                LOG.warn("{}: handling a change of level failed", io.id(), e);
            }
        };
        io.addListener(registered);
    }
}
