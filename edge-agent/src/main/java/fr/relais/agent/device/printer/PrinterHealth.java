package fr.relais.agent.device.printer;

import fr.relais.protocol.Health;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A printer's health as a technician sees it, from what it says (its state, its reasons) and from
 * its toner or ink levels against the device's thresholds. What stops printing is critical
 * (no paper, a jam, no toner, a door open, stopped, unreachable); what will stop it soon is a
 * warning (toner or paper low). A reason outside the table counts as its suffix says:
 * {@code -error} critical, {@code -warning} warning, {@code -report} nothing, and none a warning, to
 * be looked at (RFC 8011 reads a bare reason as an error, but printers use bare words for harmless
 * states too).
 */
final class PrinterHealth {
    static final Map<String, Health> REASONS = Map.ofEntries(
            Map.entry("media-empty", Health.CRITICAL),
            Map.entry("media-needed", Health.CRITICAL),
            Map.entry("media-jam", Health.CRITICAL),
            Map.entry("toner-empty", Health.CRITICAL),
            Map.entry("marker-supply-empty", Health.CRITICAL),
            Map.entry("marker-waste-full", Health.CRITICAL),
            Map.entry("door-open", Health.CRITICAL),
            Map.entry("cover-open", Health.CRITICAL),
            Map.entry("interlock-open", Health.CRITICAL),
            Map.entry("input-tray-missing", Health.CRITICAL),
            Map.entry("output-area-full", Health.CRITICAL),
            Map.entry("offline", Health.CRITICAL),
            Map.entry("shutdown", Health.CRITICAL),
            Map.entry("toner-low", Health.WARNING),
            Map.entry("media-low", Health.WARNING),
            Map.entry("marker-supply-low", Health.WARNING),
            Map.entry("marker-waste-almost-full", Health.WARNING),
            Map.entry("output-area-almost-full", Health.WARNING),
            Map.entry("developer-low", Health.WARNING),
            Map.entry("opc-near-eol", Health.WARNING),
            Map.entry("paused", Health.WARNING),
            Map.entry("moving-to-paused", Health.WARNING),
            Map.entry("other", Health.OK),
            Map.entry("identify-printer-requested", Health.OK),
            Map.entry("connecting-to-device", Health.OK));

    /** A printer that does not answer, or answers garbage, prints nothing. */
    static final Health UNREACHABLE = Health.CRITICAL;

    private final int tonerWarningPercent;
    private final int tonerCriticalPercent;

    PrinterHealth(int tonerWarningPercent, int tonerCriticalPercent) {
        this.tonerWarningPercent = tonerWarningPercent;
        this.tonerCriticalPercent = tonerCriticalPercent;
    }

    /** Everything together: the worst of the state, the reasons and the toner. */
    Health of(PrinterStatus status, OptionalInt tonerPercent) {
        Health health = "stopped".equals(status.state()) ? Health.CRITICAL : Health.OK;
        for (PrinterReason reason : status.reasons()) {
            health = worst(health, of(reason));
        }
        return worst(health, ofToner(tonerPercent));
    }

    /** A known reason by the table (raised by an urgent suffix), another by its suffix alone. */
    static Health of(PrinterReason reason) {
        Health known = REASONS.get(reason.name());
        Health bySuffix = switch (reason.suffix()) {
            case ERROR -> Health.CRITICAL;
            case WARNING -> Health.WARNING;
            case REPORT -> Health.OK;
            case NONE -> known == null ? Health.WARNING : Health.OK;
        };
        return known == null ? bySuffix : worst(known, bySuffix);
    }

    Health ofToner(OptionalInt percent) {
        if (percent.isEmpty()) {
            return Health.OK;
        }
        if (percent.getAsInt() <= tonerCriticalPercent) {
            return Health.CRITICAL;
        }
        return percent.getAsInt() <= tonerWarningPercent ? Health.WARNING : Health.OK;
    }

    static Health worst(Health a, Health b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Health health) {
        return switch (health) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
    }
}
