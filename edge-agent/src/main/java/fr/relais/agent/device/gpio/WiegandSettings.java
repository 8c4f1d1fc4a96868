package fr.relais.agent.device.gpio;

import fr.relais.agent.config.ReaderDoor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The settings of a {@code wiegand} badge reader. */
record WiegandSettings(Pin d0, Pin d1, Optional<Pin> led, Optional<Pin> buzzer, Duration frameTimeout,
                       ReaderDoor readerDoor) implements ReaderDoor.Linkable {
    /** Readers send a bit every 1 to 2 ms: 25 ms of silence is the end of a frame. */
    static final long DEFAULT_FRAME_TIMEOUT_MILLIS = 25;

    Map<String, Pin> pins() {
        Map<String, Pin> pins = new LinkedHashMap<>();
        pins.put("d0", d0);
        pins.put("d1", d1);
        led.ifPresent(pin -> pins.put("led", pin));
        buzzer.ifPresent(pin -> pins.put("buzzer", pin));
        return pins;
    }
}
