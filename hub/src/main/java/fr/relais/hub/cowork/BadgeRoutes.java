package fr.relais.hub.cowork;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/**
 * A member's badges, enrolled from the last unknown read at a reader (the person holds the badge
 * to it, the manager picks the read within 5 minutes) or from the badge's number; and the unknown
 * reads themselves, shown by their label only.
 */
final class BadgeRoutes {
    private static final Set<String> ENROL_FIELDS = Set.of("fromUnknownRead", "number", "badgeClass", "validFrom",
            "validUntil");
    private static final Set<String> CHANGE_FIELDS = Set.of("badgeClass", "validFrom", "validUntil", "status");

    private final Vertx vertx;
    private final MemberRoutes members;
    private final BadgeStore badges;
    private final UnknownReadStore unknownReads;
    private final BadgeKeys keys;
    private final AccessChanges changes;
    private final Clock clock;

    BadgeRoutes(Vertx vertx, MemberRoutes members, BadgeStore badges, UnknownReadStore unknownReads, BadgeKeys keys,
                AccessChanges changes, Clock clock) {
        this.vertx = vertx;
        this.members = members;
        this.badges = badges;
        this.unknownReads = unknownReads;
        this.keys = keys;
        this.changes = changes;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/coworking/members/:id/badges").handler(this::list);
        router.post("/api/coworking/members/:id/badges").handler(this::enrol);
        router.patch("/api/coworking/badges/:id").handler(this::change);
        router.get("/api/coworking/unknown-reads").handler(this::unknownReads);
    }

    private void list(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of());
            Replies.page(vertx, ctx, query.page(), page -> {
                members.member(ctx, id);
                return badges.ofMember(id, page);
            }, CoworkJson::badge);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        }
    }

    private void enrol(RoutingContext ctx) {
        String memberId = ctx.pathParam("id");
        String readId;
        String number;
        String badgeClass;
        LocalDate from;
        LocalDate until;
        try {
            CoworkBody body = CoworkBody.of(ctx, ENROL_FIELDS);
            readId = body.text("fromUnknownRead", false, 100);
            number = body.text("number", false, 100);
            if ((readId == null) == (number == null)) {
                throw new CoworkBody.Invalid("give either fromUnknownRead (an unknown read's id) or number");
            }
            String asked = body.choice("badgeClass", false, Badge.CLASSES);
            badgeClass = asked == null ? "member" : asked;
            from = body.date("validFrom");
            until = body.date("validUntil");
            if (from != null && until != null && until.isBefore(from)) {
                throw new CoworkBody.Invalid("validUntil " + until + " is before validFrom " + from);
            }
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking badge enrolled for member " + memberId
                + (readId != null ? " from unknown read " + readId : " by number"));
        Replies.answer(vertx, ctx, 201, () -> {
            Member member = members.member(ctx, memberId);
            if (member.status().equals("revoked")) {
                throw new Refusal(409, "member " + memberId + " is revoked: no new badge");
            }
            String hash = readId != null ? fromRead(readId, member) : fromNumber(number, member);
            Badge badge = badges.create(new Badge(MessageIds.next().toString(), member.site(), memberId, hash,
                    Badge.labelOf(hash), badgeClass, from, until, "active", clock.millis()));
            changes.changed(member.site());
            return CoworkJson.badge(badge);
        });
    }

    private String fromRead(String readId, Member member) {
        UnknownRead read = unknownReads.find(readId).filter(found -> found.site().equals(member.site()))
                .orElseThrow(() -> Refusal.notFound("no unknown read " + readId + " on site " + member.site()));
        if (clock.millis() - read.at() > UnknownReadStore.FRESH.toMillis()) {
            throw new Refusal(410, "unknown read " + readId + " is older than 5 minutes: read the badge again");
        }
        return read.hash();
    }

    private String fromNumber(String number, Member member) {
        try {
            return keys.hash(member.site(), number).orElseThrow(() -> new Refusal(400, "number: the hub has no"
                    + " badge hash key for site " + member.site() + "; enrol from an unknown read (fromUnknownRead)"));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "number: " + e.getMessage());
        }
    }

    private void change(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        CoworkBody body;
        try {
            body = CoworkBody.of(ctx, CHANGE_FIELDS);
            body.choice("badgeClass", false, Badge.CLASSES);
            body.choice("status", false, Badge.STATUSES);
            body.date("validFrom");
            body.date("validUntil");
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking badge " + id + " changed");
        Replies.answer(vertx, ctx, 200, () -> {
            Badge before = badges.find(id).orElseThrow(() -> Refusal.notFound("no badge " + id));
            SiteScope.maySee(ctx, before.site(), Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            try {
                String status = body.has("status") ? body.choice("status", true, Badge.STATUSES) : before.status();
                if (before.status().equals("revoked") && !status.equals("revoked")) {
                    throw new Refusal(409, "badge " + id + " is revoked, which is final: enrol it again");
                }
                LocalDate from = body.has("validFrom") ? body.date("validFrom") : before.validFrom();
                LocalDate until = body.has("validUntil") ? body.date("validUntil") : before.validUntil();
                if (from != null && until != null && until.isBefore(from)) {
                    throw new Refusal(400, "validUntil " + until + " is before validFrom " + from);
                }
                Badge changed = new Badge(id, before.site(), before.memberId(), before.hash(), before.label(),
                        body.has("badgeClass") ? body.choice("badgeClass", true, Badge.CLASSES) : before.badgeClass(),
                        from, until, status, before.enrolledAt());
                badges.update(changed);
                changes.changed(changed.site());
                return CoworkJson.badge(changed);
            } catch (CoworkBody.Invalid e) {
                throw new Refusal(400, e.getMessage());
            }
        });
    }

    private void unknownReads(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site", "reader"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            String reader = query.id("reader");
            Replies.page(vertx, ctx, query.page(), page -> unknownReads.recent(site, reader, clock.millis(), page),
                    read -> new JsonObject().put("id", read.id()).put("site", read.site()).put("node", read.node())
                            .put("reader", read.reader()).put("door", read.door()).put("at", CoworkJson.at(read.at()))
                            .put("label", Badge.labelOf(read.hash())));
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }
}
