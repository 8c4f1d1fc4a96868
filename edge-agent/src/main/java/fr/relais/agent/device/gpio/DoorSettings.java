package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The settings of a {@code gpio-door} device (edge-agent/README.md, "GPIO devices"). */
record DoorSettings(Pin relay, Pin contact, Optional<Pin> exitButton, Optional<Pin> led, Optional<Pin> buzzer,
                    Duration pulse, Duration requestWindow, Duration heldOpenAfter, Duration debounce) {
    static final long DEFAULT_PULSE_MILLIS = 3_000;
    static final long MIN_PULSE_MILLIS = 100;
    static final long MAX_PULSE_MILLIS = 30_000;
    static final long DEFAULT_FORCED_WINDOW_SECONDS = 10;
    static final long DEFAULT_HELD_OPEN_SECONDS = 60;
    static final long DEFAULT_DEBOUNCE_MILLIS = 50;

    /** The pins, by settings key. */
    Map<String, Pin> pins() {
        Map<String, Pin> pins = new LinkedHashMap<>();
        pins.put("relay", relay);
        pins.put("contact", contact);
        exitButton.ifPresent(pin -> pins.put("exitButton", pin));
        led.ifPresent(pin -> pins.put("led", pin));
        buzzer.ifPresent(pin -> pins.put("buzzer", pin));
        return pins;
    }
}
