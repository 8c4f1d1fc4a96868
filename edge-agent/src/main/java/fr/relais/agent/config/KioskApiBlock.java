package fr.relais.agent.config;

import fr.relais.agent.localapi.MaintenancePin;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code kioskApi}: {@code port}, {@code linkFile} (required), {@code reader},
 * {@code ticketPrinter} ({@code {type: network, host, port}} or {@code {type: usb, path}}),
 * {@code maintenancePin} ({@code pbkdf2-sha256$iterations$salt$hash}) and
 * {@code technicianBadges}. Strict like the rest: an unknown field stops the agent naming it.
 */
final class KioskApiBlock {
    private KioskApiBlock() {
    }

    static KioskApiSettings read(StrictObject block, Path baseDir, List<DeviceConfig> devices) throws FieldException {
        int port = (int) block.longIn("port", 0, 65_535, KioskApiSettings.DEFAULT_PORT);
        Path linkFile = ConfigPaths.resolve(baseDir, block.field("linkFile"), block.text("linkFile"));
        Optional<String> reader = block.optionalId("reader");
        if (reader.isPresent()) {
            boolean isReader = devices.stream().anyMatch(device -> device.id().equals(reader.get())
                    && device.kind() == DeviceKind.BADGE_READER);
            if (!isReader) {
                throw new FieldException(block.field("reader"), "'" + reader.get()
                        + "' is not a badge-reader device of this node");
            }
        }
        Optional<KioskApiSettings.PrinterTarget> printer = Optional.empty();
        Optional<StrictObject> printerObject = block.optionalObject("ticketPrinter");
        if (printerObject.isPresent()) {
            printer = Optional.of(printer(printerObject.get(), baseDir));
        }
        Optional<MaintenancePin> pin = Optional.empty();
        Optional<String> pinText = block.optionalText("maintenancePin");
        if (pinText.isPresent()) {
            try {
                pin = Optional.of(MaintenancePin.parse(pinText.get()));
            } catch (IllegalArgumentException e) {
                throw new FieldException(block.field("maintenancePin"), e.getMessage());
            }
        }
        List<String> badges = new ArrayList<>();
        if (block.has("technicianBadges")) {
            List<String> listed = block.texts("technicianBadges");
            for (int i = 0; i < listed.size(); i++) {
                if (!listed.get(i).matches("[0-9a-f]{64}")) {
                    throw new FieldException(block.field("technicianBadges") + "[" + i + "]",
                            "must be a keyed badge hash (64 lower-case hex), never a badge number");
                }
                badges.add(listed.get(i));
            }
        }
        block.finish();
        return new KioskApiSettings(port, linkFile, reader, printer, pin, badges);
    }

    private static KioskApiSettings.PrinterTarget printer(StrictObject printer, Path baseDir) throws FieldException {
        String type = printer.text("type");
        KioskApiSettings.PrinterTarget target = switch (type) {
            case "network" -> {
                String host = printer.text("host");
                if (host.isBlank() || host.contains("/") || host.contains(" ")) {
                    throw new FieldException(printer.field("host"), "'" + host + "' is not a host name or address");
                }
                yield new KioskApiSettings.NetworkPrinter(host, (int) printer.longIn("port", 1, 65_535,
                        KioskApiSettings.NetworkPrinter.DEFAULT_PORT));
            }
            case "usb" -> new KioskApiSettings.UsbPrinter(ConfigPaths.resolve(baseDir, printer.field("path"),
                    printer.text("path")));
            default -> throw new FieldException(printer.field("type"), "'" + type + "' is not network or usb");
        };
        printer.finish();
        return target;
    }
}
