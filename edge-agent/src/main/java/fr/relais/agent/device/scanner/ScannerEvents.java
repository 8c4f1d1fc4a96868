package fr.relais.agent.device.scanner;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns successive readings into events: a problem that starts ({@code scanner-condition-started}),
 * one that ends ({@code scanner-condition-cleared}), the scanner lost ({@code scanner-unreachable},
 * once) and found again ({@code scanner-reachable}). Scanning and idling, which alternate all day,
 * are metrics, not events. One instance per scanner, called from its own thread.
 */
final class ScannerEvents {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("stopped", "Scanner arrêté"),
            Map.entry("down", "Scanner hors service"),
            Map.entry("unknown-state", "État du scanner inconnu"),
            Map.entry("adf-jam", "Bourrage dans le chargeur de documents"),
            Map.entry("adf-door-open", "Capot du chargeur de documents ouvert"),
            Map.entry("adf-hatch-open", "Trappe du chargeur de documents ouverte"),
            Map.entry("adf-hw-failure", "Panne du chargeur de documents"),
            Map.entry("adf-input-tray-failed", "Panne du bac du chargeur de documents"),
            Map.entry("adf-mispick", "Le chargeur n'a pas pris la feuille"),
            Map.entry("adf-multipick-detected", "Plusieurs feuilles prises ensemble par le chargeur"),
            Map.entry("adf-duplex-page-too-short", "Page trop courte pour le recto verso"),
            Map.entry("adf-duplex-page-too-long", "Page trop longue pour le recto verso"),
            Map.entry("adf-input-tray-overloaded", "Chargeur de documents trop rempli"));

    private Map<String, Health> current = Map.of();
    private boolean unreachable;

    List<DeviceEvent> answered(Map<String, Health> conditions) {
        List<DeviceEvent> events = new ArrayList<>();
        if (unreachable) {
            unreachable = false;
            events.add(new DeviceEvent("scanner-reachable", Severity.INFO, "Scanner de nouveau joignable", Map.of()));
        }
        conditions.forEach((name, health) -> {
            if (!current.containsKey(name)) {
                events.add(new DeviceEvent("scanner-condition-started",
                        health == Health.CRITICAL ? Severity.CRITICAL : Severity.WARNING, text(name),
                        Map.of("condition", name)));
            }
        });
        current.keySet().forEach(name -> {
            if (!conditions.containsKey(name)) {
                events.add(new DeviceEvent("scanner-condition-cleared", Severity.INFO, "Résolu : " + text(name),
                        Map.of("condition", name)));
            }
        });
        current = Map.copyOf(conditions);
        return events;
    }

    List<DeviceEvent> unanswered(String why) {
        if (unreachable) {
            return List.of();
        }
        unreachable = true;
        return List.of(new DeviceEvent("scanner-unreachable", Severity.CRITICAL, "Scanner injoignable : " + why,
                Map.of("reason", why)));
    }

    private static String text(String condition) {
        return TEXTS.getOrDefault(condition, "Signal du scanner : " + condition);
    }
}
