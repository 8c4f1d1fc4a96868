package fr.relais.agent.device.printer;

import java.util.Map;

/** The dashboard's French words for a printer's reasons. */
final class ReasonTexts {
    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("media-empty", "Plus de papier"),
            Map.entry("media-needed", "Papier à charger"),
            Map.entry("media-low", "Papier bientôt épuisé"),
            Map.entry("media-jam", "Bourrage papier"),
            Map.entry("toner-low", "Toner bientôt vide"),
            Map.entry("toner-empty", "Toner vide"),
            Map.entry("marker-supply-low", "Encre ou toner bientôt vide"),
            Map.entry("marker-supply-empty", "Encre ou toner vide"),
            Map.entry("marker-waste-almost-full", "Réservoir de toner usagé presque plein"),
            Map.entry("marker-waste-full", "Réservoir de toner usagé plein"),
            Map.entry("door-open", "Porte ouverte"),
            Map.entry("cover-open", "Capot ouvert"),
            Map.entry("interlock-open", "Sécurité d'ouverture déclenchée"),
            Map.entry("input-tray-missing", "Bac à papier absent"),
            Map.entry("output-area-full", "Bac de sortie plein"),
            Map.entry("output-area-almost-full", "Bac de sortie presque plein"),
            Map.entry("developer-low", "Développeur bientôt épuisé"),
            Map.entry("opc-near-eol", "Tambour en fin de vie"),
            Map.entry("offline", "Imprimante hors ligne"),
            Map.entry("shutdown", "Imprimante en cours d'arrêt"),
            Map.entry("paused", "Imprimante en pause"),
            Map.entry("moving-to-paused", "Imprimante en cours de mise en pause"));

    private ReasonTexts() {
    }

    /** Its French words, or the printer's own keyword for a reason outside the table. */
    static String of(String reason) {
        return TEXTS.getOrDefault(reason, "Signal de l'imprimante : " + reason);
    }
}
