package fr.relais.kiosk.content;

import fr.relais.kiosk.agent.AgentReplies.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's device states as a visitor needs them: one plain sentence per device kind, and what
 * to do ("demandez au médiateur"). Technical reasons (IPP's {@code media-empty}) never reach the screen.
 */
public final class DeviceTexts {

    private DeviceTexts() {
    }

    public static List<String> printing(List<Device> devices) {
        List<String> lines = new ArrayList<>();
        for (Device device : devices) {
            if (device.kind().equals("printer")) {
                lines.add(printer(device));
            } else if (device.kind().equals("scanner")) {
                lines.add(working(device) ? "Le scanner fonctionne."
                        : French.typo("Le scanner ne marche pas pour le moment : demandez au médiateur."));
            }
        }
        return lines;
    }

    public static String printer(Device printer) {
        List<String> reasons = printer.reasons();
        if (has(reasons, "media-empty", "media-needed", "paper-out")) {
            return French.typo("L'imprimante n'a plus de papier : demandez au médiateur.");
        }
        if (has(reasons, "media-jam", "paper-jam")) {
            return French.typo("Le papier est coincé dans l'imprimante : demandez au médiateur.");
        }
        if (has(reasons, "toner-empty", "marker-supply-empty")) {
            return French.typo("L'imprimante n'a plus d'encre : demandez au médiateur.");
        }
        if (working(printer)) {
            return "L'imprimante fonctionne.";
        }
        if (printer.health().equals("unknown")) {
            return French.typo("On ne sait pas si l'imprimante fonctionne : demandez au médiateur.");
        }
        return French.typo("L'imprimante ne marche pas pour le moment : demandez au médiateur.");
    }

    /** "3 ordinateurs sur 4 fonctionnent", or null when the agent knows no computer here. */
    public static String computers(List<Device> devices) {
        List<Device> computers = devices.stream().filter(d -> d.kind().equals("computer")).toList();
        if (computers.isEmpty()) {
            return null;
        }
        long working = computers.stream().filter(DeviceTexts::working).count();
        int total = computers.size();
        if (total == 1) {
            return working == 1 ? "L'ordinateur fonctionne."
                    : French.typo("L'ordinateur ne marche pas pour le moment : demandez au médiateur.");
        }
        if (working == total) {
            return "Les " + total + " ordinateurs fonctionnent.";
        }
        if (working == 0) {
            return French.typo("Aucun ordinateur ne marche pour le moment : demandez au médiateur.");
        }
        return working + (working == 1 ? " ordinateur sur " + total + " fonctionne."
                : " ordinateurs sur " + total + " fonctionnent.");
    }

    /** A warning (toner low, slow disk) does not stop a visitor. */
    public static boolean working(Device device) {
        return device.health().equals("ok") || device.health().equals("warning");
    }

    private static boolean has(List<String> reasons, String... wanted) {
        for (String reason : reasons) {
            String plain = reason.replaceAll("-(report|warning|error)$", "");
            for (String w : wanted) {
                if (plain.equals(w)) {
                    return true;
                }
            }
        }
        return false;
    }
}
