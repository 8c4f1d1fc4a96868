package fr.relais.hub.appointment;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.place.BookingCode;
import fr.relais.hub.place.PlaceBody;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/appointments}: a place's slots (one, or a day cut in N-minute slots), bookings at
 * the desk with a first name only, cancellation by code, and the day's appointments for the
 * mediator. Writes need {@code Caller.runs(site)}, reads {@code Caller.sees(site)}; writes are
 * audited and tell {@link ContentChanges} once committed.
 */
public final class AppointmentRoutes {
    static final int MAX_SLOTS_PER_DAY = 96;
    static final Duration MAX_SLOT = Duration.ofHours(8);
    private static final Set<String> SLOT_FIELDS = Set.of("site", "with", "place", "commune", "start", "end", "day",
            "from", "to", "minutes");

    private final Vertx vertx;
    private final SlotStore store;
    private final ContentChanges changes;
    private final Clock clock;

    public AppointmentRoutes(Vertx vertx, SlotStore store, ContentChanges changes, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/appointments/slots").handler(this::listSlots);
        router.post("/api/appointments/slots").handler(this::createSlots);
        router.delete("/api/appointments/slots/:id").handler(this::deleteSlot);
        router.post("/api/appointments/slots/:id/booking").handler(this::book);
        router.delete("/api/appointments/bookings/:code").handler(this::cancel);
        router.get("/api/appointments").handler(this::day);
    }

    private void listSlots(RoutingContext ctx) {
        try {
            PlaceBody query = PlaceBody.query(ctx.queryParams(), Set.of("site", "from", "to", "free", "limit",
                    "cursor"));
            String site = SiteScope.listed(ctx, query.id("site", false), PlaceBody.NOT_RUN);
            Instant from = query.instant("from", false);
            Instant to = query.instant("to", false);
            Boolean free = query.bool("free");
            Replies.page(vertx, ctx, PlaceBody.pageOf(query), page -> store.list(site, from, to,
                    free != null && free, page), AppointmentRoutes::json);
        } catch (Refusal refusal) {
            Replies.failed(ctx, refusal);
        }
    }

    private void createSlots(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 201, () -> {
            PlaceBody body = PlaceBody.of(ctx, SLOT_FIELDS);
            String site = body.id("site", true);
            SiteScope.mayRun(ctx, site, Anonymous.PASSES, PlaceBody.NOT_RUN);
            String with = body.choice("with", true, Slot.WITH);
            String place = body.text("place", true, 160);
            String commune = body.id("commune", false);
            List<Slot> slots = body.has("day") ? cut(body, site, with, place, commune) : List.of(one(body, site, with,
                    place, commune));
            Audit.summary(ctx, slots.size() + " appointment slots created on " + site);
            store.create(slots);
            changes.changed(site);
            JsonArray items = new JsonArray();
            slots.forEach(slot -> items.add(json(slot)));
            return new JsonObject().put("items", items).put("next", null);
        });
    }

    private Slot one(PlaceBody body, String site, String with, String place, String commune) {
        for (String field : List.of("from", "to", "minutes")) {
            if (body.has(field)) {
                throw PlaceBody.bad(field + " goes with day (a day cut in slots); one slot takes start and end");
            }
        }
        Instant start = body.instant("start", true);
        Instant end = body.instant("end", true);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_SLOT) > 0) {
            throw PlaceBody.bad("end must be after start, within " + MAX_SLOT.toHours() + " hours");
        }
        return slot(site, with, start, end, place, commune);
    }

    /** The day from {@code from} to {@code to} (local times) in slots of {@code minutes}; a remainder is left out. */
    private List<Slot> cut(PlaceBody body, String site, String with, String place, String commune) {
        for (String field : List.of("start", "end")) {
            if (body.has(field)) {
                throw PlaceBody.bad(field + " is for one slot; a day cut in slots takes day, from, to and minutes");
            }
        }
        LocalDate day = body.date("day", true);
        LocalTime from = body.time("from", true);
        LocalTime to = body.time("to", true);
        int minutes = body.whole("minutes", true, 5, 240);
        if (!to.isAfter(from)) {
            throw PlaceBody.bad("to must be after from");
        }
        List<Slot> slots = new ArrayList<>();
        // Through the zone: a day of a DST change keeps its local times.
        for (LocalTime start = from; !start.plusMinutes(minutes).isAfter(to) && start.plusMinutes(minutes)
                .isAfter(start); start = start.plusMinutes(minutes)) {
            Instant at = day.atTime(start).atZone(PlaceTimes.PARIS).toInstant();
            Instant end = day.atTime(start.plusMinutes(minutes)).atZone(PlaceTimes.PARIS).toInstant();
            if (!end.isAfter(at)) {
                continue; // a local time the spring's change skips: no such slot that day
            }
            slots.add(slot(site, with, at, end, place, commune));
            if (slots.size() > MAX_SLOTS_PER_DAY) {
                throw PlaceBody.bad("minutes: at most " + MAX_SLOTS_PER_DAY + " slots in a day");
            }
        }
        if (slots.isEmpty()) {
            throw PlaceBody.bad("minutes: no slot of " + minutes + " minutes fits between " + from + " and " + to);
        }
        return slots;
    }

    private Slot slot(String site, String with, Instant start, Instant end, String place, String commune) {
        return new Slot(MessageIds.next().toString(), site, with, start.toEpochMilli(), end.toEpochMilli(), place,
                commune, false, clock.millis(), null);
    }

    private void deleteSlot(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "appointment slot " + id + " deleted");
        Replies.answer(vertx, ctx, 200, () -> {
            Slot slot = store.find(id).orElseThrow(() -> Refusal.notFound("no slot " + id));
            SiteScope.mayRun(ctx, slot.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            store.delete(id);
            changes.changed(slot.site());
            return json(slot);
        });
    }

    private void book(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "appointment slot " + id + " booked");
        Replies.answer(vertx, ctx, 201, () -> {
            PlaceBody body = PlaceBody.of(ctx, Set.of("firstName"));
            String firstName = body.firstName("firstName", true);
            Slot slot = store.find(id).orElseThrow(() -> Refusal.notFound("no slot " + id));
            SiteScope.mayRun(ctx, slot.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            Slot.Booking booking = store.book(id, firstName, "desk", clock.millis());
            changes.changed(slot.site());
            return json(booking);
        });
    }

    private void cancel(RoutingContext ctx) {
        String code = BookingCode.normalise(ctx.pathParam("code"));
        Audit.summary(ctx, "appointment booking cancelled");
        Replies.answer(vertx, ctx, 200, () -> {
            if (code == null) {
                throw Refusal.notFound(SlotStore.UNKNOWN_CODE);
            }
            Slot slot = store.findByCode(code).orElseThrow(() -> Refusal.notFound(SlotStore.UNKNOWN_CODE));
            SiteScope.mayRun(ctx, slot.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            Slot.Booking cancelled = store.cancel(code, clock.millis());
            changes.changed(slot.site());
            return json(cancelled);
        });
    }

    /** The local day's slots of a site, booked or free, for the mediator's desk. */
    private void day(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 200, () -> {
            PlaceBody query = PlaceBody.query(ctx.queryParams(), Set.of("site", "day"));
            String site = SiteScope.listed(ctx, query.id("site", false), PlaceBody.NOT_RUN);
            if (site == null) {
                throw PlaceBody.bad("site is required");
            }
            SiteScope.maySee(ctx, site, Anonymous.PASSES, PlaceBody.NOT_RUN);
            LocalDate day = query.date("day", false);
            if (day == null) {
                day = LocalDate.now(clock.withZone(PlaceTimes.PARIS));
            }
            Instant from = day.atStartOfDay(PlaceTimes.PARIS).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(PlaceTimes.PARIS).toInstant();
            JsonArray items = new JsonArray();
            store.between(site, from, to, false, 1000).forEach(slot -> items.add(json(slot)));
            return new JsonObject().put("site", site).put("day", day.toString()).put("items", items).put("next", null);
        });
    }

    static JsonObject json(Slot s) {
        return new JsonObject().put("id", s.id()).put("site", s.site()).put("with", s.with())
                .put("start", PlaceTimes.iso(s.startAt())).put("end", PlaceTimes.iso(s.endAt())).put("place", s.place())
                .put("commune", s.commune()).put("free", s.booking() == null).put("example", s.example())
                .put("booking", s.booking() == null ? null : new JsonObject().put("code", s.booking().code())
                        .put("firstName", s.booking().firstName()).put("source", s.booking().source())
                        .put("createdAt", PlaceTimes.iso(s.booking().createdAt())));
    }

    static JsonObject json(Slot.Booking b) {
        return new JsonObject().put("code", b.code()).put("slot", b.slotId()).put("site", b.site())
                .put("firstName", b.firstName()).put("source", b.source()).put("createdAt", PlaceTimes.iso(b.createdAt()))
                .put("cancelledAt", b.cancelledAt() == null ? null : PlaceTimes.iso(b.cancelledAt()));
    }
}
