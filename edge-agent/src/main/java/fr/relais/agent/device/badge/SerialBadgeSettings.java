package fr.relais.agent.device.badge;

import fr.relais.agent.config.ReaderDoor;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Objects;

/**
 * The {@code settings:} of a {@code serial-badge} device.
 *
 * @param port   the serial port's path; {@code /dev/serial/by-id/…} stays the same whichever USB
 *               socket the adapter is plugged into, unlike {@code /dev/ttyUSB0}
 * @param baud   its speed ({@code baud}, {@value #DEFAULT_BAUD} by default, as RDM6300 modules)
 * @param format how it frames numbers
 */
record SerialBadgeSettings(String port, int baud, SerialFrameFormat format, ReaderDoor readerDoor)
        implements ReaderDoor.Linkable {
    static final int DEFAULT_BAUD = 9600;

    SerialBadgeSettings {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(readerDoor, "readerDoor");
    }

    /** A reader linked to no door. */
    SerialBadgeSettings(String port, int baud, SerialFrameFormat format) {
        this(port, baud, format, ReaderDoor.NONE);
    }

    static SerialBadgeSettings read(StrictObject device) throws FieldException {
        StrictObject settings = device.object("settings");
        String port = settings.text("port");
        if (!port.startsWith("/")) {
            throw new FieldException(settings.field("port"), "must be an absolute path such as /dev/ttyUSB0 or"
                    + " /dev/serial/by-id/usb-…, got '" + port + "'");
        }
        int baud = (int) settings.longIn("baud", 300, 921_600, DEFAULT_BAUD);
        SerialFrameFormat format = settings.choice("format", SerialFrameFormat.class);
        ReaderDoor door = ReaderDoor.read(settings);
        settings.finish();
        return new SerialBadgeSettings(port, baud, format, door);
    }
}
