package fr.relais.hub.occupancy;

import java.util.List;

/**
 * The occupancy answers as a spreadsheet opens them in France: exactly the JSON's figures, one line
 * each, {@code ;} between fields, decimal comma, French headers, CRLF line ends, and a UTF-8 byte
 * order mark so that Excel reads the accents. Fields are days, months, weekday names and numbers:
 * none needs quoting.
 */
final class OccupancyCsv {
    static final String BOM = "\uFEFF";
    private static final String END = "\r\n";
    private static final List<String> WEEKDAYS = List.of("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
            "dimanche");
    private static final String SUM_HEADERS = "entrées;sorties;minutes d'occupation des salles;arrivées au coworking;"
            + "historique simulé";

    private OccupancyCsv() {
    }

    static String heatmap(Occupancy.Heatmap map) {
        StringBuilder csv = new StringBuilder(BOM).append("jour de la semaine;heure;entrées sur la période;"
                + "entrées par semaine (moyenne)").append(END);
        for (Occupancy.Cell cell : map.cells()) {
            csv.append(WEEKDAYS.get(cell.weekday() - 1)).append(';').append(String.format("%02d:00", cell.hour()))
                    .append(';').append(cell.entries()).append(';')
                    .append(String.valueOf(cell.perWeek()).replace('.', ',')).append(END);
        }
        return csv.toString();
    }

    /** {@code header}: "jour" or "mois". */
    static String periods(Occupancy.Periods periods, String header) {
        StringBuilder csv = new StringBuilder(BOM).append(header).append(';').append(SUM_HEADERS).append(END);
        for (Occupancy.Period period : periods.periods()) {
            Occupancy.Sums sums = period.sums();
            csv.append(period.key()).append(';').append(sums.entries()).append(';').append(sums.exits()).append(';')
                    .append(sums.roomMinutes()).append(';').append(sums.coworkerCheckins()).append(';')
                    .append(period.simulated() ? "oui" : "non").append(END);
        }
        return csv.toString();
    }
}
