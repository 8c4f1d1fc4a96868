package fr.relais.hub.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What a notice says, in an e-mail and in a webhook's JSON. */
public final class NoticeText {
    /** The territory is in France: times as its technicians read them (as in the alerts' messages). */
    private static final DateTimeFormatter PARIS_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    private NoticeText() {
    }

    static String subject(Notice notice) {
        Notice.Alert alert = notice.alert();
        String what = switch (notice.kind()) {
            case OPENED -> "";
            case FLAPPING -> "[instable] ";
            case ESCALATED -> "[désormais " + severity(alert.severity()) + "] ";
            case CLEARED -> "[terminée] ";
        };
        return "[Relais " + severity(alert.severity()) + "] " + what + alert.site() + " / " + alert.node()
                + (alert.device() == null ? "" : " / " + alert.device()) + " : " + alert.rule();
    }

    /** The technicians read French; the webhook's JSON keeps the wire words. */
    private static String severity(String wire) {
        return switch (wire) {
            case "critical" -> "critique";
            case "warning" -> "à surveiller";
            case "info" -> "info";
            default -> wire;
        };
    }

    static String body(Notice notice) {
        Notice.Alert alert = notice.alert();
        StringBuilder text = new StringBuilder()
                .append(alert.message()).append("\n\n")
                .append("Lieu : ").append(alert.site()).append('\n')
                .append("Nœud : ").append(alert.node()).append('\n');
        if (alert.device() != null) {
            text.append("Appareil : ").append(alert.device()).append(" (").append(alert.deviceKind()).append(")\n");
        }
        text.append("Gravité : ").append(severity(alert.severity())).append('\n')
                .append("Depuis le ").append(PARIS_TIME.format(Instant.ofEpochMilli(alert.since()))).append(" (heure de Paris)").append('\n')
                .append("Alerte : ").append(alert.id()).append(" (").append(notice.kind().wire()).append(")\n");
        if (alert.flapping()) {
            text.append("\nCette condition va et vient : l'alerte reste ouverte jusqu'à ce qu'elle se stabilise.\n");
        }
        return text.toString();
    }

    /** The webhook's body: the notice's kind and the alert as {@code GET /api/alerts/{id}} shows it. */
    public static JsonObject json(Notice notice) {
        return new JsonObject().put("event", notice.kind().wire()).put("alert", alert(notice.alert()));
    }

    public static JsonObject alert(Notice.Alert alert) {
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
