package fr.relais.agent.device.gpio;

import java.util.Objects;

/**
 * One pin of the Pi's 40-pin header, by its BCM number (the "GPIO17" of pinout diagrams, not the
 * physical pin 11), with how the part wired to it speaks: {@code activeLow} when the part pulls
 * the line to ground to say "yes" (a switch to ground, a Wiegand pulse, many relay boards), and
 * the internal pull resistor for inputs.
 */
public record Pin(int bcm, boolean activeLow, Pull pull) {
    /** GPIO0 to GPIO27 are the ones on the header of a Pi 4 and a Pi 5. */
    public static final int MAX_BCM = 27;

    public Pin {
        if (bcm < 0 || bcm > MAX_BCM) {
            throw new IllegalArgumentException("BCM " + bcm + " is not on the header (0 to " + MAX_BCM + ")");
        }
        Objects.requireNonNull(pull, "pull");
    }

    @Override
    public String toString() {
        return "BCM " + bcm + (activeLow ? " (active low)" : "");
    }
}
