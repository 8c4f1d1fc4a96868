package fr.relais.agent.device.printer;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive readings into events: a reason that appears ({@code printer-reason-started}),
 * one that goes ({@code printer-reason-cleared}), the printer lost ({@code printer-unreachable},
 * once, however long it lasts) and found again ({@code printer-reachable}). While it is unreachable
 * its reasons are not known, so they are kept as they were: a paper tray still empty when it comes
 * back is not a new event. One instance per printer, called from its own thread.
 */
final class ReasonEvents {
    private Map<String, PrinterReason> current = Map.of();
    private boolean unreachable;

    /** The events of an answer that says these reasons. */
    List<DeviceEvent> answered(List<PrinterReason> reasons) {
        List<DeviceEvent> events = new ArrayList<>();
        if (unreachable) {
            unreachable = false;
            events.add(new DeviceEvent("printer-reachable", Severity.INFO, "Imprimante de nouveau joignable", Map.of()));
        }
        Map<String, PrinterReason> next = new LinkedHashMap<>();
        reasons.forEach(reason -> next.put(reason.name(), reason));
        for (PrinterReason reason : next.values()) {
            if (!current.containsKey(reason.name())) {
                events.add(new DeviceEvent("printer-reason-started", severity(PrinterHealth.of(reason)),
                        ReasonTexts.of(reason.name()), Map.of("reason", reason.name(), "keyword", reason.keyword())));
            }
        }
        for (PrinterReason reason : current.values()) {
            if (!next.containsKey(reason.name())) {
                events.add(new DeviceEvent("printer-reason-cleared", Severity.INFO,
                        "Résolu : " + ReasonTexts.of(reason.name()), Map.of("reason", reason.name())));
            }
        }
        current = next;
        return events;
    }

    /** The event of a failed request: one when the printer is lost, none while it stays lost. */
    List<DeviceEvent> unanswered(String why) {
        if (unreachable) {
            return List.of();
        }
        unreachable = true;
        return List.of(new DeviceEvent("printer-unreachable", Severity.CRITICAL, "Imprimante injoignable : " + why,
                Map.of("reason", why)));
    }

    private static Severity severity(Health health) {
        return switch (health) {
            case CRITICAL -> Severity.CRITICAL;
            case WARNING -> Severity.WARNING;
            case OK, UNKNOWN -> Severity.INFO;
        };
    }
}
