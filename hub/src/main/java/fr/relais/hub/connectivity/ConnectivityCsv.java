package fr.relais.hub.connectivity;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * The broadband rows as a spreadsheet opens them in France: UTF-8 with its BOM, {@code ;}
 * between fields, decimal commas, French headers, one line per row of the JSON answer.
 */
final class ConnectivityCsv {
    static final String HEADER = "Commune;Nom de la commune;Mois;Nœud;Lieu;Lien;Mesures;Mesures de débit;"
            + "Latence médiane (ms);Perte médiane (%);Débit médian (Mbit/s);Simulé;Feuille de route";

    private ConnectivityCsv() {
    }

    static String of(List<ConnectivityStore.Row> rows) {
        DecimalFormat number = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.FRANCE));
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (ConnectivityStore.Row row : rows) {
            csv.append(field(row.commune())).append(';').append(field(row.communeName())).append(';')
                    .append(row.month()).append(';').append(field(row.node())).append(';').append(field(row.site()))
                    .append(';').append(field(row.link())).append(';').append(row.samples()).append(';')
                    .append(row.throughputSamples()).append(';').append(figure(number, row.latencyMedianMs()))
                    .append(';').append(figure(number, row.lossMedianPercent())).append(';')
                    .append(figure(number, row.throughputMedianMbps())).append(';')
                    .append(row.simulated() ? "oui" : "non").append(';').append(row.roadmap() ? "oui" : "non")
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String figure(DecimalFormat number, Double value) {
        return value == null ? "" : number.format(value);
    }

    /**
     * Quoted when it holds a separator, a quote or a line break; a leading = + - @ is neutralised
     * with a quote sign, so that a spreadsheet never runs a commune's name as a formula.
     */
    static String field(String text) {
        if (text == null) {
            return "";
        }
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
