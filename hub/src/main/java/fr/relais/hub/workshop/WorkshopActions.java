package fr.relais.hub.workshop;

import fr.relais.hub.content.KioskActionHandler;
import fr.relais.protocol.Event;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's {@code workshop-register} and {@code workshop-cancel}, in the ingestion writer's
 * transaction with the rules the desk uses ({@link WorkshopStore}). A visitor's registration is
 * for a workshop of the kiosk's own site; anything else, garbage included, is a refusal in French.
 */
public final class WorkshopActions {
    private WorkshopActions() {
    }

    /** Both handlers, for the kiosk actions' dispatcher. */
    public static List<KioskActionHandler> handlers() {
        return List.of(new Register(), new Cancel());
    }

    static final class Register implements KioskActionHandler {
        @Override
        public String type() {
            return KioskActions.WORKSHOP_REGISTER;
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
                throws SQLException {
            try {
                KioskData data = new KioskData(event.data());
                String workshop = data.id("workshop", WorkshopStore.UNKNOWN_WORKSHOP);
                String firstName = data.firstName(false);
                WorkshopStore.Registration done = WorkshopStore.register(writer, workshop, site, firstName, "kiosk",
                        receivedAt);
                return Optional.of(new ActionAnswer(true, done.code(), firstName == null
                        ? "Inscrit n° " + done.number() : "Inscription enregistrée pour " + firstName));
            } catch (Refusal refusal) {
                return Optional.of(ActionAnswer.refused(refusal.getMessage()));
            }
        }
    }

    static final class Cancel implements KioskActionHandler {
        @Override
        public String type() {
            return KioskActions.WORKSHOP_CANCEL;
        }

        @Override
        public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
                throws SQLException {
            try {
                WorkshopStore.Registration cancelled = WorkshopStore.cancel(writer, null, site,
                        new KioskData(event.data()).code(), receivedAt);
                return Optional.of(new ActionAnswer(true, cancelled.code(), "Inscription annulée"));
            } catch (Refusal refusal) {
                return Optional.of(ActionAnswer.refused(refusal.getMessage()));
            }
        }
    }
}
