package fr.relais.hub.workshop;

import fr.relais.hub.content.KioskActionHandler.ActionAnswer;
import fr.relais.hub.content.KioskActionHandler;
import fr.relais.hub.place.KioskData;
import fr.relais.hub.place.KioskHandler;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
        return List.of(KioskHandler.of(KioskActions.WORKSHOP_REGISTER, WorkshopActions::register),
                KioskHandler.of(KioskActions.WORKSHOP_CANCEL, (writer, site, data, receivedAt) ->
                        new ActionAnswer(true, WorkshopStore.cancel(writer, null, site, data.code(), receivedAt).code(),
                                "Inscription annulée")));
    }

    private static ActionAnswer register(Connection writer, String site, KioskData data, long receivedAt)
            throws SQLException {
        String workshop = data.id("workshop", WorkshopStore.UNKNOWN_WORKSHOP);
        String firstName = data.firstName(false);
        WorkshopStore.Registration done = WorkshopStore.register(writer, workshop, site, firstName, "kiosk", receivedAt);
        return new ActionAnswer(true, done.code(), firstName == null
                ? "Inscrit n° " + done.number() : "Inscription enregistrée pour " + firstName);
    }
}
