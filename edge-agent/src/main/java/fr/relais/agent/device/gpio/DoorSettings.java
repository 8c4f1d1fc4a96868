package fr.relais.agent.device.gpio;

import java.time.Duration;
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
}
