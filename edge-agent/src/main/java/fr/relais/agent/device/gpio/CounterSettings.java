package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of a {@code gpio-people-counter} device. */
record CounterSettings(Pin outerBeam, Pin innerBeam, LocalTime resetAt, ZoneId timezone, Duration debounce,
                       Duration crossingTimeout) {
    /**
     * At night, after any evening workshop and before any opening, and outside the hour that the
     * change to or from summer time skips or repeats (02:00 to 03:00 in Europe/Paris).
     */
    static final String DEFAULT_RESET_AT = "04:00";
    static final String DEFAULT_TIMEZONE = "Europe/Paris";
    static final long DEFAULT_DEBOUNCE_MILLIS = 50;
    static final long DEFAULT_CROSSING_TIMEOUT_SECONDS = 15;

    Map<String, Pin> pins() {
        Map<String, Pin> pins = new LinkedHashMap<>();
        pins.put("outerBeam", outerBeam);
        pins.put("innerBeam", innerBeam);
        return pins;
    }
}
