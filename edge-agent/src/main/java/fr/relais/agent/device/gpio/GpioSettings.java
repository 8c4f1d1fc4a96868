package fr.relais.agent.device.gpio;

import fr.relais.agent.config.ReaderDoor;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code settings:} block of a GPIO device: pins (a BCM number, or an object with
 * {@code pin}, {@code activeLow} and {@code pull}), durations, and refuses a pin given to two
 * functions of the device. Every error names its field.
 */
final class GpioSettings {
    private static final String PIN_FORMAT = "must be a BCM number from 0 to " + Pin.MAX_BCM
            + ", or an object such as {pin: 17, activeLow: true, pull: up}";

    private final StrictObject settings;
    private final Map<Integer, String> used = new HashMap<>();

    private GpioSettings(StrictObject settings) {
        this.settings = settings;
    }

    /** The device's {@code settings:} block, which GPIO devices cannot do without (pins). */
    static GpioSettings of(StrictObject device) throws FieldException {
        return new GpioSettings(device.object("settings"));
    }

    /** A badge reader's door and direction ({@code door}, {@code direction}). */
    ReaderDoor readerDoor() throws FieldException {
        return ReaderDoor.read(settings);
    }

    Pin pin(String name, PinKind kind) throws FieldException {
        return optionalPin(name, kind).orElseThrow(() -> new FieldException(settings.field(name), "is required"));
    }

    Optional<Pin> optionalPin(String name, PinKind kind) throws FieldException {
        Optional<Pin> pin = read(name, kind);
        if (pin.isPresent()) {
            String other = used.putIfAbsent(pin.get().bcm(), name);
            if (other != null) {
                throw new FieldException(settings.field(name), "BCM " + pin.get().bcm() + " is already "
                        + settings.field(other) + " of this device (one pin, one function)");
            }
        }
        return pin;
    }

    private Optional<Pin> read(String name, PinKind kind) throws FieldException {
        Optional<Object> scalar;
        try {
            scalar = settings.optionalScalar(name);
        } catch (FieldException notAScalar) {
            return Optional.of(pinObject(name, kind));
        }
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        if (!(scalar.get() instanceof Long bcm)) {
            throw new FieldException(settings.field(name), PIN_FORMAT + ", got " + describe(scalar.get()));
        }
        return Optional.of(new Pin(bcm(name, bcm), kind.activeLow, kind.pull));
    }

    private Pin pinObject(String name, PinKind kind) throws FieldException {
        StrictObject object;
        try {
            object = settings.object(name);
        } catch (FieldException notAnObject) {
            throw new FieldException(settings.field(name), PIN_FORMAT);
        }
        int bcm = bcm(name + ".pin", object.nonNegativeLong("pin"));
        boolean activeLow = object.bool("activeLow", kind.activeLow);
        if (kind.output && object.has("pull")) {
            throw new FieldException(object.field("pull"), "only an input has a pull resistor");
        }
        Pull pull = object.choice("pull", Pull.class, kind.pull);
        object.finish();
        return new Pin(bcm, activeLow, pull);
    }

    private int bcm(String name, long bcm) throws FieldException {
        if (bcm < 0 || bcm > Pin.MAX_BCM) {
            throw new FieldException(settings.field(name), "BCM " + bcm + " is not on the header (0 to "
                    + Pin.MAX_BCM + ")");
        }
        return (int) bcm;
    }

    Duration millis(String name, long min, long max, long defaultValue) throws FieldException {
        return Duration.ofMillis(settings.longIn(name, min, max, defaultValue));
    }

    Duration seconds(String name, long min, long max, long defaultValue) throws FieldException {
        return Duration.ofSeconds(settings.longIn(name, min, max, defaultValue));
    }

    Optional<String> optionalText(String name) throws FieldException {
        return settings.optionalText(name);
    }

    String field(String name) {
        return settings.field(name);
    }

    /** Refuses any setting the driver did not read. */
    void finish() throws FieldException {
        settings.finish();
    }

    private static String describe(Object value) {
        return value instanceof String text ? "the text '" + text + "'" : String.valueOf(value);
    }
}
