package fr.relais.agent.device.gpio;

/**
 * How the part on a pin is usually wired, which gives a pin written as a bare BCM number its
 * {@code activeLow} and {@code pull}. An object ({@code {pin: 17, activeLow: false, pull: down}})
 * overrides them for unusual wiring.
 */
enum PinKind {
    /** A reed contact or a push button between the pin and ground: closed reads low. */
    SWITCH(true, Pull.UP, false),
    /** A module that drives the line to 3.3 V when it detects something (a PIR sensor). */
    SENSOR(false, Pull.DOWN, false),
    /** An open-collector beam receiver: it pulls the line low while it sees the beam. */
    BEAM(false, Pull.UP, false),
    /** A Wiegand data line: idles high, each bit is a short low pulse. */
    WIEGAND(true, Pull.UP, false),
    /** A relay board input, a LED, a buzzer: high means on. */
    OUTPUT(false, Pull.NONE, true);

    final boolean activeLow;
    final Pull pull;
    final boolean output;

    PinKind(boolean activeLow, Pull pull, boolean output) {
        this.activeLow = activeLow;
        this.pull = pull;
        this.output = output;
    }
}
