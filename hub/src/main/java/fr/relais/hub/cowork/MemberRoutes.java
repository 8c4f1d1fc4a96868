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
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;

/** Members and plans under /api/coworking: list, create, read, change; never delete (revoke). */
final class MemberRoutes {
    private static final Set<String> MEMBER_FIELDS = Set.of("site", "name", "organisation", "email", "planId",
            "status", "notes", "packDaysLeft");
    private static final Set<String> PLAN_FIELDS = Set.of("site", "name", "kind", "doors", "windows", "validFrom",
            "validUntil", "packDays");

    private final Vertx vertx;
    private final MemberStore members;
    private final PlanStore plans;
    private final AccessChanges changes;
    private final Clock clock;

    MemberRoutes(Vertx vertx, MemberStore members, PlanStore plans, AccessChanges changes, Clock clock) {
        this.vertx = vertx;
        this.members = members;
        this.plans = plans;
        this.changes = changes;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/coworking/members").handler(this::listMembers);
        router.post("/api/coworking/members").handler(this::createMember);
        router.get("/api/coworking/members/:id").handler(this::oneMember);
        router.patch("/api/coworking/members/:id").handler(this::changeMember);
        router.get("/api/coworking/plans").handler(this::listPlans);
        router.post("/api/coworking/plans").handler(this::createPlan);
        router.patch("/api/coworking/plans/:id").handler(this::changePlan);
    }

    private void listMembers(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site", "status"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            String status = query.choice("status", Member.STATUSES);
            Replies.page(vertx, ctx, query.page(), page -> members.list(site, status, page), CoworkJson::member);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private void oneMember(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Replies.answer(vertx, ctx, 200, () -> CoworkJson.member(member(ctx, id)));
    }

    /** The member of the path, if the caller may touch it. */
    Member member(RoutingContext ctx, String id) {
        Member member = members.find(id).orElseThrow(() -> Refusal.notFound("no member " + id));
        SiteScope.maySee(ctx, member.site(), Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
        return member;
    }

    private void createMember(RoutingContext ctx) {
        Member asked;
        try {
            CoworkBody body = CoworkBody.of(ctx, MEMBER_FIELDS);
            String site = SiteScope.listed(ctx, body.id("site", false), CoworkQuery.OWN_SITE);
            if (site == null) {
                throw new CoworkBody.Invalid("site is required");
            }
            String status = body.choice("status", false, Member.STATUSES);
            asked = new Member(MessageIds.next().toString(), site, body.text("name", true),
                    body.text("organisation", false), body.text("email", false), body.id("planId", false),
                    status == null ? "active" : status, body.text("notes", false, CoworkBody.MAX_NOTES),
                    body.whole("packDaysLeft", 0, 10_000), clock.millis());
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "coworking member " + asked.id() + " created on " + asked.site());
        Replies.answer(vertx, ctx, 201, () -> {
            Member member = withPlan(asked, asked.planId(), asked.packDaysLeft() != null);
            members.create(member);
            changes.changed(member.site());
            return CoworkJson.member(member);
        });
    }

    private void changeMember(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        CoworkBody body;
        try {
            body = CoworkBody.of(ctx, MEMBER_FIELDS);
            if (body.has("site")) {
                throw new CoworkBody.Invalid("site cannot change: a member belongs to one site");
            }
            body.text("name", false);
            body.text("organisation", false);
            body.text("email", false);
            body.id("planId", false);
            body.choice("status", false, Member.STATUSES);
            body.text("notes", false, CoworkBody.MAX_NOTES);
            body.whole("packDaysLeft", 0, 10_000);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking member " + id + " changed");
        Replies.answer(vertx, ctx, 200, () -> {
            Member before = member(ctx, id);
            try {
                String status = body.has("status") ? body.choice("status", true, Member.STATUSES) : before.status();
                if (before.status().equals("revoked") && !status.equals("revoked")) {
                    throw new Refusal(409, "member " + id + " is revoked, which is final: enrol a new member");
                }
                String planId = body.has("planId") ? body.id("planId", false) : before.planId();
                Member changed = new Member(id, before.site(),
                        body.has("name") ? body.text("name", true) : before.name(),
                        body.has("organisation") ? body.text("organisation", false) : before.organisation(),
                        body.has("email") ? body.text("email", false) : before.email(), planId, status,
                        body.has("notes") ? body.text("notes", false, CoworkBody.MAX_NOTES) : before.notes(),
                        body.has("packDaysLeft") ? body.whole("packDaysLeft", 0, 10_000) : before.packDaysLeft(),
                        before.createdAt());
                boolean newPlan = body.has("planId") && !java.util.Objects.equals(planId, before.planId());
                if (newPlan) {
                    changed = withPlan(changed, planId, body.has("packDaysLeft"));
                }
                members.update(changed);
                changes.changed(changed.site());
                return CoworkJson.member(changed);
            } catch (CoworkBody.Invalid e) {
                throw new Refusal(400, e.getMessage());
            }
        });
    }

    /** Checks the plan is of the member's site; a pack's days come with it unless given. */
    private Member withPlan(Member member, String planId, boolean packDaysGiven) {
        if (planId == null) {
            return new Member(member.id(), member.site(), member.name(), member.organisation(), member.email(), null,
                    member.status(), member.notes(), packDaysGiven ? member.packDaysLeft() : null, member.createdAt());
        }
        Plan plan = plans.find(planId).filter(found -> found.site().equals(member.site()))
                .orElseThrow(() -> new Refusal(400, "planId: no plan " + planId + " on site " + member.site()));
        Integer days = packDaysGiven ? member.packDaysLeft() : plan.packDays();
        return new Member(member.id(), member.site(), member.name(), member.organisation(), member.email(), planId,
                member.status(), member.notes(), days, member.createdAt());
    }

    private void listPlans(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            Replies.page(vertx, ctx, query.page(), page -> plans.list(site, page), CoworkJson::plan);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private void createPlan(RoutingContext ctx) {
        Plan plan;
        try {
            CoworkBody body = CoworkBody.of(ctx, PLAN_FIELDS);
            String site = SiteScope.listed(ctx, body.id("site", false), CoworkQuery.OWN_SITE);
            if (site == null) {
                throw new CoworkBody.Invalid("site is required");
            }
            plan = PlanBodies.read(body, null, site, MessageIds.next().toString(), clock.millis());
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "coworking plan " + plan.id() + " created on " + plan.site());
        Replies.answer(vertx, ctx, 201, () -> {
            plans.create(plan);
            changes.changed(plan.site());
            return CoworkJson.plan(plan);
        });
    }

    private void changePlan(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        CoworkBody body;
        try {
            body = CoworkBody.of(ctx, PLAN_FIELDS);
            if (body.has("site")) {
                throw new CoworkBody.Invalid("site cannot change: a plan belongs to one site");
            }
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking plan " + id + " changed");
        Replies.answer(vertx, ctx, 200, () -> {
            Plan before = plans.find(id).orElseThrow(() -> Refusal.notFound("no plan " + id));
            SiteScope.maySee(ctx, before.site(), Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            Plan changed;
            try {
                changed = PlanBodies.read(body, before, before.site(), id, before.createdAt());
            } catch (CoworkBody.Invalid e) {
                throw new Refusal(400, e.getMessage());
            }
            plans.update(changed);
            changes.changed(changed.site());
            return CoworkJson.plan(changed);
        });
    }
}
