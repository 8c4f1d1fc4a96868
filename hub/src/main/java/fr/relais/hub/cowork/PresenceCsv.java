package fr.relais.hub.cowork;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Presence as CSV (RFC 4180, comma, CRLF), for a spreadsheet: visits, or the per-period totals. */
final class PresenceCsv {
    private static final List<String> VISIT_COLUMNS = List.of("memberId", "name", "door", "checkedInAt",
            "checkedOutAt", "checkout");
    private static final List<String> GROUP_COLUMNS = List.of("period", "memberId", "name", "visits", "minutes");

    private PresenceCsv() {
    }

    static String of(List<JsonObject> rows, boolean grouped) {
        List<String> columns = grouped ? GROUP_COLUMNS : VISIT_COLUMNS;
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (JsonObject row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = row.getValue(columns.get(i));
                csv.append(value == null ? "" : cell(value.toString()));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /**
     * Quoted when needed; a text starting like a formula (=, +, -, @) gets a leading quote so that
     * a member's name cannot run as a formula in the manager's spreadsheet.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
