package fr.relais.hub.content;

import fr.relais.protocol.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Carries out one kind of kiosk action ({@code fr.relais.protocol.content.KioskActions}) inside
 * the ingestion writer's transaction, on its connection: the action is done (or refused) exactly
 * once, with the event that asked for it. Garbage in the event's data is a refusal with a reason,
 * never an exception (an exception would roll back the whole batch).
 */
public interface KioskActionHandler {
    /** The event type this handler takes ({@code workshop-register}…). */
    String type();

    /**
     * @return the answer to publish in the node's content (a ticket, which needs none, answers empty)
     */
    Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
            throws SQLException;

    /** {@code done} with an optional booking code, or {@code refused} with a French message for the visitor. */
    record ActionAnswer(boolean done, String code, String message) {
        public static ActionAnswer done(String code) {
            return new ActionAnswer(true, code, null);
        }

        public static ActionAnswer refused(String message) {
            return new ActionAnswer(false, null, message);
        }
    }
}
