package fr.relais.agent.device.badge;

import fr.relais.agent.config.ReaderDoor;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code settings:} of an {@code evdev} device.
 *
 * @param device the input device; {@code /dev/input/by-id/usb-…-event-kbd} names the reader
 *               itself, whereas {@code /dev/input/eventN} numbers change with what is plugged
 * @param grab   whether the agent takes the device for itself ({@code EVIOCGRAB}; true by
 *               default, so the number is never typed into the kiosk); false only for a test
 *               stream that is not an input device
 * @param layout the keyboard layout the reader was set up for ({@code qwerty} by default);
 *               matters only for numbers with letters
 */
record EvdevSettings(Path device, boolean grab, KeyLayout layout, ReaderDoor readerDoor)
        implements ReaderDoor.Linkable {
    EvdevSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(readerDoor, "readerDoor");
    }

    /** A reader linked to no door. */
    EvdevSettings(Path device, boolean grab, KeyLayout layout) {
        this(device, grab, layout, ReaderDoor.NONE);
    }

    static EvdevSettings read(StrictObject device) throws FieldException {
        StrictObject settings = device.object("settings");
        String path = settings.text("device");
        if (!path.startsWith("/")) {
            throw new FieldException(settings.field("device"), "must be an absolute path such as"
                    + " /dev/input/by-id/usb-…-event-kbd, got '" + path + "'");
        }
        boolean grab = settings.bool("grab", true);
        KeyLayout layout = settings.choice("layout", KeyLayout.class, KeyLayout.QWERTY);
        ReaderDoor door = ReaderDoor.read(settings);
        settings.finish();
        return new EvdevSettings(Path.of(path), grab, layout, door);
    }
}
