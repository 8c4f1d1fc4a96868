package fr.relais.hub.notify;

import fr.relais.hub.store.AlertRows;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** What a notice says, in an e-mail and in a webhook's JSON. */
public final class NoticeText {
    private NoticeText() {
    }

    static String subject(Notice notice) {
        AlertRows.Alert alert = notice.alert();
        String what = switch (notice.kind()) {
            case OPENED -> "";
            case FLAPPING -> "[flapping] ";
            case ESCALATED -> "[now " + alert.severity() + "] ";
            case CLEARED -> "[cleared] ";
        };
        return "[Relais " + alert.severity() + "] " + what + alert.site() + " / " + alert.node()
                + (alert.device() == null ? "" : " / " + alert.device()) + ": " + alert.rule();
    }

    static String body(Notice notice) {
        AlertRows.Alert alert = notice.alert();
        StringBuilder text = new StringBuilder()
                .append(alert.message()).append("\n\n")
                .append("Site: ").append(alert.site()).append('\n')
                .append("Node: ").append(alert.node()).append('\n');
        if (alert.device() != null) {
            text.append("Device: ").append(alert.device()).append(" (").append(alert.deviceKind()).append(")\n");
        }
        text.append("Severity: ").append(alert.severity()).append('\n')
                .append("Since: ").append(Instant.ofEpochMilli(alert.since())).append('\n')
                .append("Alert: ").append(alert.id()).append(" (").append(notice.kind().wire()).append(")\n");
        if (alert.flapping()) {
            text.append("\nThis condition keeps coming and going: this alert stays open until it has settled.\n");
        }
        return text.toString();
    }

    /** The webhook's body: the notice's kind and the alert as {@code GET /api/alerts/{id}} shows it. */
    public static JsonObject json(Notice notice) {
        return new JsonObject().put("event", notice.kind().wire()).put("alert", alert(notice.alert()));
    }

    public static JsonObject alert(AlertRows.Alert alert) {
        return new JsonObject()
                .put("id", alert.id())
                .put("rule", alert.rule())
                .put("site", alert.site())
                .put("node", alert.node())
                .put("device", alert.device())
                .put("deviceKind", alert.deviceKind())
                .put("severity", alert.severity())
                .put("state", alert.state())
                .put("flapping", alert.flapping())
                .put("message", alert.message())
                .put("since", time(alert.since()))
                .put("openedAt", time(alert.openedAt()))
                .put("acknowledgedAt", time(alert.acknowledgedAt()))
                .put("acknowledgedBy", alert.acknowledgedBy())
                .put("ackComment", alert.ackComment())
                .put("clearedAt", time(alert.clearedAt()))
                .put("clearedBy", alert.clearedBy())
                .put("clearComment", alert.clearComment());
    }

    private static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
