package fr.relais.hub.workshop;

import fr.relais.hub.appointment.AppointmentRoutes;
import fr.relais.hub.appointment.SlotStore;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import fr.relais.hub.place.BookingSql;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The workshops' and appointments' routes ({@code /api/workshops}, {@code /api/appointments}),
 * mounted by {@code ApiServer}. They share the coworking data's connection (a place's own data,
 * small transactions; the registry's readers and the ingestion writer keep theirs); the kiosk's
 * actions reach the same rules on the writer's connection ({@code WorkshopActions},
 * {@code AppointmentActions}). Permissions route mediators and managers here; each route holds
 * them to their site.
 */
public final class BookingsApi {
    /** A workshop or a day of slots is a few hundred bytes: anything larger is a mistake. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final WorkshopRoutes workshops;
    private final AppointmentRoutes appointments;

    public BookingsApi(Vertx vertx, Database database, ContentChanges changes, Clock clock) {
        BookingSql sql = new BookingSql(database.coworking());
        this.workshops = new WorkshopRoutes(vertx, new WorkshopStore(sql), changes, clock);
        this.appointments = new AppointmentRoutes(vertx, new SlotStore(sql), changes, clock);
    }

    public void mount(Router router) {
        router.route("/api/workshops*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/appointments*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        workshops.mount(router);
        appointments.mount(router);
    }
}
