package fr.relais.hub.cowork;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.store.Database;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The coworking routes under /api/coworking, on the database's coworking connection. Who may call
 * them is {@code Permissions}' (admins and technicians everything, a manager its own site, a
 * viewer nothing); each route holds a manager to its site. Every write is audited by
 * {@code Audit}, and tells {@link AccessChanges} of the site once committed.
 */
public final class CoworkingApi {
    /** Bodies are small (a member, a plan of at most 32 windows): anything larger is a mistake. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final MemberRoutes members;
    private final BadgeRoutes badges;
    private final BookingRoutes bookings;
    private final PresenceRoutes presence;

    public CoworkingApi(Vertx vertx, Database database, AccessChanges changes, BadgeKeys keys, Clock clock) {
        CoworkSql sql = new CoworkSql(database.coworking());
        SiteSettingsStore settings = new SiteSettingsStore(sql);
        this.members = new MemberRoutes(vertx, new MemberStore(sql), new PlanStore(sql), changes, clock);
        this.badges = new BadgeRoutes(vertx, members, new BadgeStore(sql), new UnknownReadStore(sql), keys, changes,
                clock);
        this.bookings = new BookingRoutes(vertx, members, new ResourceStore(sql), new BookingStore(sql), settings,
                changes, clock);
        this.presence = new PresenceRoutes(vertx, new PresenceStore(sql, settings), new AccessLogStore(sql), settings,
                clock);
    }

    public void mount(Router router) {
        router.route("/api/coworking/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        members.mount(router);
        badges.mount(router);
        bookings.mount(router);
        presence.mount(router);
    }
}
