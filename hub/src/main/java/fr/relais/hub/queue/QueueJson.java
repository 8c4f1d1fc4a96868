package fr.relais.hub.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The queue API's JSON shapes (ISSUE12.md): times ISO-8601 with the place's offset. */
final class QueueJson {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private QueueJson() {
    }

    static JsonObject ticket(Ticket ticket) {
        return new JsonObject().put("id", ticket.id()).put("site", ticket.site()).put("node", ticket.node())
                .put("day", ticket.day()).put("number", ticket.number()).put("label", ticket.label())
                .put("topic", ticket.topic()).put("takenAt", at(ticket.takenAt())).put("calledAt", at(ticket.calledAt()))
                .put("desk", ticket.desk()).put("doneAt", at(ticket.doneAt())).put("status", ticket.status());
    }

    static JsonObject day(String site, String day, List<Ticket> tickets) {
        QueueFigures figures = QueueFigures.of(tickets);
        JsonArray items = new JsonArray();
        tickets.forEach(ticket -> items.add(ticket(ticket)));
        JsonArray calling = new JsonArray();
        figures.calling().forEach(ticket -> calling.add(ticket(ticket)));
        return new JsonObject().put("site", site).put("day", day).put("items", items).put("next", null)
                .put("calling", calling).put("waiting", figures.waiting())
                .put("averageServiceSeconds", figures.averageServiceSeconds())
                .put("estimatedWaitMinutes", figures.estimatedWaitMinutes());
    }

    /** {@code 2026-12-01T09:00:00+01:00}, Europe/Paris. */
    static String at(Long millis) {
        return millis == null ? null : LOCAL.format(Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS)
                .atZone(QueueRoutes.ZONE));
    }
}
