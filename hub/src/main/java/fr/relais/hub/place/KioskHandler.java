package fr.relais.hub.place;

import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.web.Refusal;
import fr.relais.protocol.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A kiosk action handler from its one interesting part: what to do with the event's data. Its
 * garbage and the rules' refusals ({@link Refusal}) become a French refusal for the visitor.
 * Shared by the workshop and appointment kiosk actions, hence in {@code place}.
 */
public final class KioskHandler implements KioskActionHandler {
    /** The action itself, in the ingestion writer's transaction. */
    @FunctionalInterface
    public interface Body {
        ActionAnswer answer(Connection writer, String site, KioskData data, long receivedAt) throws SQLException;
    }

    private final String type;
    private final Body body;

    private KioskHandler(String type, Body body) {
        this.type = type;
        this.body = body;
    }

    public static KioskActionHandler of(String type, Body body) {
        return new KioskHandler(type, body);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
            throws SQLException {
        try {
            return Optional.of(body.answer(writer, site, new KioskData(event.data()), receivedAt));
        } catch (Refusal refusal) {
            return Optional.of(ActionAnswer.refused(refusal.getMessage()));
        }
    }
}
