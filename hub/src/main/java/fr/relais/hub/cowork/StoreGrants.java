package fr.relais.hub.cowork;

import fr.relais.hub.access.CoworkingGrants;
import fr.relais.hub.access.SiteGrants;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BookingSlot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A site's door grants, built from its coworking data: each active or suspended badge of a member
 * not revoked is a grant (suspended ones say so: the door refuses them with that reason); a
 * revoked badge, or any badge of a revoked member, is a revoked hash. A grant opens the plan's
 * doors in the plan's windows, between the later of the badge's and the plan's first days and the
 * earlier of their last; bookings open their resource's door from the margin before to the margin
 * after; a pack says how many days are left and the last one counted. Staff and maintenance badges
 * open their doors at any hour: their plan's, or without a plan every door the site's data names.
 * A badge whose validity and its plan's do not meet can never open: it is listed as revoked.
 */
public final class StoreGrants implements CoworkingGrants {
    /** The access lists' bound on a grant's bookings; the soonest are kept. */
    static final int MAX_BOOKINGS = 512;

    private final CoworkSql sql;
    private final SiteSettingsStore settings;

    StoreGrants(CoworkSql sql) {
        this.sql = sql;
        this.settings = new SiteSettingsStore(sql);
    }

    public static StoreGrants of(java.sql.Connection coworking) {
        return new StoreGrants(new CoworkSql(coworking));
    }

    @Override
    public List<String> accessSites() {
        return sql.query("SELECT site_id FROM coworking_sites ORDER BY site_id", row -> row.getString(1));
    }

    private record Holder(String hash, String member, String badgeClass, LocalDate validFrom, LocalDate validUntil,
                          String badgeStatus, String memberStatus, String planId, Integer packDaysLeft) {
    }

    @Override
    public SiteGrants grants(String site, Instant now) {
        SiteSettings of = settings.of(site);
        Map<String, Plan> plans = new HashMap<>();
        sql.query(PlanStore.COLUMNS + " FROM coworking_plans WHERE site_id = ?", PlanStore::plan, site)
                .forEach(plan -> plans.put(plan.id(), plan));
        Set<String> allDoors = new TreeSet<>();
        plans.values().forEach(plan -> allDoors.addAll(plan.doors()));
        sql.query("SELECT door_id FROM coworking_resources WHERE site_id = ? AND door_id IS NOT NULL",
                row -> row.getString(1), site).forEach(allDoors::add);
        Map<String, List<BookingSlot>> bookings = bookings(site, now, Duration.ofMinutes(of.bookingMarginMinutes()));
        Map<String, LocalDate> counted = new HashMap<>();
        sql.query("SELECT d.member_id, MAX(d.day) FROM coworking_pack_days d JOIN coworking_members m"
                + " ON m.id = d.member_id WHERE m.site_id = ? GROUP BY d.member_id",
                row -> counted.put(row.getString(1), LocalDate.parse(row.getString(2))), site);
        List<Holder> holders = sql.query("SELECT b.badge_hash, b.member_id, b.badge_class, b.valid_from,"
                + " b.valid_until, b.status, m.status, m.plan_id, m.pack_days_left FROM coworking_badges b"
                + " JOIN coworking_members m ON m.id = b.member_id WHERE b.site_id = ? ORDER BY b.badge_hash",
                row -> new Holder(row.getString(1), row.getString(2), row.getString(3), PlanStore.date(row.getString(4)),
                        PlanStore.date(row.getString(5)), row.getString(6), row.getString(7), row.getString(8),
                        CoworkSql.nullableInt(row, 9)), site);
        List<BadgeGrant> grants = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        for (Holder holder : holders) {
            if (holder.badgeStatus().equals("revoked") || holder.memberStatus().equals("revoked")) {
                revoked.add(holder.hash());
                continue;
            }
            Plan plan = holder.planId() == null ? null : plans.get(holder.planId());
            Optional<LocalDate> from = later(holder.validFrom(), plan == null ? null : plan.validFrom());
            Optional<LocalDate> until = earlier(holder.validUntil(), plan == null ? null : plan.validUntil());
            if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
                revoked.add(holder.hash());
                continue;
            }
            BadgeGrant.BadgeClass badgeClass = BadgeGrant.BadgeClass.valueOf(holder.badgeClass().toUpperCase(Locale.ROOT));
            Set<String> doors = plan != null ? Set.copyOf(plan.doors())
                    : badgeClass == BadgeGrant.BadgeClass.MEMBER ? Set.of() : allDoors;
            List<AccessWindow> windows = plan == null ? List.of() : plan.windows();
            Optional<BadgeGrant.PackDays> pack = holder.packDaysLeft() == null ? Optional.empty()
                    : Optional.of(new BadgeGrant.PackDays(Math.max(0, holder.packDaysLeft()),
                    Optional.ofNullable(counted.get(holder.member()))));
            grants.add(new BadgeGrant(holder.hash(), holder.member(), badgeClass, from, until,
                    holder.badgeStatus().equals("suspended") || holder.memberStatus().equals("suspended"), doors,
                    windows, bookings.getOrDefault(holder.member(), List.of()), pack));
        }
        return new SiteGrants(grants, revoked, of.timeZone());
    }

    /** Each member's bookings still to come or under way, margins included, on doors only. */
    private Map<String, List<BookingSlot>> bookings(String site, Instant now, Duration margin) {
        Map<String, List<BookingSlot>> byMember = new HashMap<>();
        sql.query("SELECT b.member_id, r.door_id, b.starts_at, b.ends_at FROM coworking_bookings b"
                + " JOIN coworking_resources r ON r.id = b.resource_id WHERE b.site_id = ? AND b.cancelled_at IS NULL"
                + " AND r.door_id IS NOT NULL AND b.ends_at > ? ORDER BY b.starts_at, b.id", row -> {
                    List<BookingSlot> slots = byMember.computeIfAbsent(row.getString(1), k -> new ArrayList<>());
                    if (slots.size() < MAX_BOOKINGS) {
                        slots.add(new BookingSlot(row.getString(2), Instant.ofEpochMilli(row.getLong(3)).minus(margin),
                                Instant.ofEpochMilli(row.getLong(4)).plus(margin)));
                    }
                    return null;
                }, site, now.minus(margin).toEpochMilli());
        return byMember;
    }

    private static Optional<LocalDate> later(LocalDate a, LocalDate b) {
        return a == null ? Optional.ofNullable(b) : b == null || a.isAfter(b) ? Optional.of(a) : Optional.of(b);
    }

    private static Optional<LocalDate> earlier(LocalDate a, LocalDate b) {
        return a == null ? Optional.ofNullable(b) : b == null || a.isBefore(b) ? Optional.of(a) : Optional.of(b);
    }
}
