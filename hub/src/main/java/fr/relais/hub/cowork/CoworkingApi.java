package fr.relais.hub.cowork;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.db.Database;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

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

    /** A room booked at a kiosk: its id, or why not, in French for the coworker. */
    public record KioskBooking(String id, String refusal) {
    }

    /**
     * Books a room for a member who badged at the kiosk, on the ingestion writer's connection in
     * its transaction (issue 12's {@code room-book}), with the rules of the API's bookings: an
     * active member and a room of the site, within the member's plan's days, no overlap.
     */
    public static KioskBooking bookRoomOn(Connection writer, String site, String memberId, String roomId, Instant from,
                                          Instant until, long now) throws SQLException {
        return BookingStore.bookOn(writer, site, memberId, roomId, from, until, now);
    }
}
