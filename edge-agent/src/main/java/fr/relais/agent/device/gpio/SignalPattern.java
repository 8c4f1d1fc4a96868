package fr.relais.agent.device.gpio;

import fr.relais.protocol.WireValue;
import java.time.Duration;
import java.util.List;

/**
 * What a door's or a reader's status LED and buzzer say. Steps are played from the start of the
 * pattern; each line is off again at the end of its steps.
 */
public enum SignalPattern implements WireValue {
    /** Come in: the LED lit for 2 s and one short beep. */
    GRANTED("granted", List.of(on(2_000)), List.of(on(150)), false),
    /** Refused: three fast blinks and one long beep. */
    DENIED("denied", List.of(on(150), off(150), on(150), off(150), on(150)), List.of(on(1_000)), false),
    /** The hub is out of reach: a slow blink, until another pattern replaces it (granted and denied
     * still play, and the slow blink comes back after them). */
    OFFLINE("offline", List.of(on(1_000), off(1_000)), List.of(), true),
    /** Everything off, the slow blink included. */
    IDLE("idle", List.of(), List.of(), false);

    /** One step of a line: on or off for a while. */
    record Step(boolean on, Duration length) {
    }

    private final String wire;
    private final List<Step> led;
    private final List<Step> buzzer;
    private final boolean repeats;

    SignalPattern(String wire, List<Step> led, List<Step> buzzer, boolean repeats) {
        this.wire = wire;
        this.led = led;
        this.buzzer = buzzer;
        this.repeats = repeats;
    }

    private static Step on(long millis) {
        return new Step(true, Duration.ofMillis(millis));
    }

    private static Step off(long millis) {
        return new Step(false, Duration.ofMillis(millis));
    }

    @Override
    public String wire() {
        return wire;
    }

    List<Step> led() {
        return led;
    }

    List<Step> buzzer() {
        return buzzer;
    }

    /** Whether it plays again and again, and comes back after a one-off pattern. */
    boolean repeats() {
        return repeats;
    }
}
