package fr.relais.hub.queue;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The queue part of a place's kiosk content: the tickets being called today and the figures. */
public final class QueueParts {
    /** The place's screen shows the last few calls. */
    static final int CALLING_SHOWN = 6;

    private final QueueStore store;

    public QueueParts(QueueStore store) {
        this.store = store;
    }

    public PlaceContent.Queue queue(String site, Instant now) {
        List<Ticket> day = store.day(site, LocalDate.ofInstant(now, QueueRoutes.ZONE));
        QueueFigures figures = QueueFigures.of(day);
        List<PlaceContent.Called> calling = figures.calling().stream().limit(CALLING_SHOWN)
                .map(ticket -> new PlaceContent.Called(ticket.label(), ticket.number(), ticket.desk(),
                        QueueJson.at(ticket.calledAt())))
                .toList();
        return new PlaceContent.Queue(calling, figures.waiting(), figures.averageServiceSeconds(), figures.lastNumber());
    }
}
