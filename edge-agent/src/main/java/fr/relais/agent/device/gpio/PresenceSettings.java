package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The settings of a {@code gpio-presence} device; the room is the device's name unless given. */
record PresenceSettings(Pin pir, Duration debounce, Duration hold, Optional<String> room) {
    static final long DEFAULT_DEBOUNCE_MILLIS = 200;
    static final long DEFAULT_HOLD_SECONDS = 300;

    Map<String, Pin> pins() {
        return Map.of("pir", pir);
    }
}
