package fr.relais.agent.device.printer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The page {@code test-print} prints: short, plain text, saying which printer and when. */
final class TestPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH)
            .withZone(ZoneId.of("Europe/Paris"));

    private TestPage() {
    }

    static String text(String printerName, Instant now) {
        return """
                Relais — page de test

                Imprimante : %s
                Imprimée le %s, à la demande d'un technicien.

                Si vous lisez cette page, l'imprimante reçoit bien les travaux du réseau.
                """.formatted(printerName, WHEN.format(now));
    }
}
