package fr.relais.agent.config;

import fr.relais.agent.localapi.MaintenancePin;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk's loopback API ({@code kioskApi:} in {@code agent.yaml}); absent, the agent serves no
 * kiosk (the API is opt-in).
 *
 * @param port              on 127.0.0.1; 0 = any free port (the demo runs many agents in one JVM)
 * @param linkFile          written at each start with the URL and a fresh token, mode 0640
 * @param reader            the badge reader whose reads go to the kiosk (not a door's)
 * @param ticketPrinter     where queue tickets are printed (ESC/POS)
 * @param maintenancePin    the technician PIN's PBKDF2 hash; without it the kiosk cannot be left
 * @param technicianBadges  keyed badge hashes that count as technicians' besides the access list's
 *                          staff and maintenance badges
 */
public record KioskApiSettings(int port, Path linkFile, Optional<String> reader, Optional<PrinterTarget> ticketPrinter,
                               Optional<MaintenancePin> maintenancePin, List<String> technicianBadges) {
    public static final int DEFAULT_PORT = 8471;

    public KioskApiSettings {
        Objects.requireNonNull(linkFile, "linkFile");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(ticketPrinter, "ticketPrinter");
        Objects.requireNonNull(maintenancePin, "maintenancePin");
        technicianBadges = List.copyOf(technicianBadges);
    }

    /** A receipt printer: on the network (raw TCP, port 9100) or a USB printer's device file. */
    public sealed interface PrinterTarget {
    }

    public record NetworkPrinter(String host, int port) implements PrinterTarget {
        public static final int DEFAULT_PORT = 9100;
    }

    public record UsbPrinter(Path path) implements PrinterTarget {
    }
}
