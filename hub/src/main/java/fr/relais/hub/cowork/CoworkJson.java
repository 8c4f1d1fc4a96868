package fr.relais.hub.cowork;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/** The coworking API's JSON shapes (ISSUE11.md); a badge's hash never leaves the hub, its label does. */
final class CoworkJson {
    private CoworkJson() {
    }

    static JsonObject member(Member member) {
        return new JsonObject().put("id", member.id()).put("site", member.site()).put("name", member.name())
                .put("organisation", member.organisation()).put("email", member.email())
                .put("planId", member.planId()).put("status", member.status()).put("notes", member.notes())
                .put("packDaysLeft", member.packDaysLeft()).put("createdAt", at(member.createdAt()));
    }

    static JsonObject plan(Plan plan) {
        return new JsonObject().put("id", plan.id()).put("site", plan.site()).put("name", plan.name())
                .put("kind", plan.kind()).put("doors", new io.vertx.core.json.JsonArray(plan.doors()))
                .put("windows", Windows.write(plan.windows())).put("validFrom", day(plan.validFrom()))
                .put("validUntil", day(plan.validUntil())).put("packDays", plan.packDays())
                .put("createdAt", at(plan.createdAt()));
    }

    static JsonObject badge(Badge badge) {
        return new JsonObject().put("id", badge.id()).put("site", badge.site()).put("memberId", badge.memberId())
                .put("label", badge.label()).put("badgeClass", badge.badgeClass())
                .put("validFrom", day(badge.validFrom())).put("validUntil", day(badge.validUntil()))
                .put("status", badge.status()).put("enrolledAt", at(badge.enrolledAt()));
    }

    static JsonObject resource(Resource resource) {
        return new JsonObject().put("id", resource.id()).put("site", resource.site()).put("name", resource.name())
                .put("kind", resource.kind()).put("door", resource.door()).put("createdAt", at(resource.createdAt()));
    }

    static JsonObject booking(Booking booking) {
        return new JsonObject().put("id", booking.id()).put("site", booking.site())
                .put("resourceId", booking.resourceId()).put("memberId", booking.memberId())
                .put("from", booking.from().toString()).put("until", booking.until().toString())
                .put("createdAt", at(booking.createdAt()))
                .put("cancelledAt", booking.cancelledAt() == null ? null : at(booking.cancelledAt()));
    }

    static JsonObject settings(SiteSettings settings) {
        return new JsonObject().put("site", settings.site()).put("timeZone", settings.timeZone().getId())
                .put("bookingMarginMinutes", settings.bookingMarginMinutes())
                .put("autoCheckoutAt", settings.autoCheckoutAt().toString());
    }

    static String at(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
