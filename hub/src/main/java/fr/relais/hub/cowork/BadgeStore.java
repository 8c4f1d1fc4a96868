package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.web.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The coworking_badges table. A hash is one badge of a site: enrolling it twice is a conflict. */
final class BadgeStore {
    static final String COLUMNS = "SELECT id, site_id, member_id, badge_hash, label, badge_class, valid_from,"
            + " valid_until, status, enrolled_at";

    private final CoworkSql sql;

    BadgeStore(CoworkSql sql) {
        this.sql = sql;
    }

    Page<Badge> ofMember(String memberId, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_badges", List.of(CoworkSql.text("id")), false)
                .where("member_id = ?", memberId);
        return sql.page(query, page, BadgeStore::badge, badge -> List.of(badge.id()));
    }

    Optional<Badge> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_badges WHERE id = ?", BadgeStore::badge, id);
    }

    /** Enrols a badge; the unknown reads of its hash are forgotten, it is known now. */
    Badge create(Badge badge) {
        return sql.inSiteTransaction(badge.site(), () -> {
            Optional<Badge> taken = sql.one(COLUMNS + " FROM coworking_badges WHERE site_id = ? AND badge_hash = ?",
                    BadgeStore::badge, badge.site(), badge.hash());
            if (taken.isPresent()) {
                throw new Refusal(409, "this badge is enrolled already (badge " + taken.get().id() + " …"
                        + taken.get().label() + " of member " + taken.get().memberId() + ")");
            }
            sql.update("INSERT INTO coworking_badges (id, site_id, member_id, badge_hash, label, badge_class,"
                    + " valid_from, valid_until, status, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    badge.id(), badge.site(), badge.memberId(), badge.hash(), badge.label(), badge.badgeClass(),
                    PlanStore.text(badge.validFrom()), PlanStore.text(badge.validUntil()), badge.status(),
                    badge.enrolledAt());
            sql.update("DELETE FROM coworking_unknown_reads WHERE site_id = ? AND badge_hash = ?", badge.site(),
                    badge.hash());
            return badge;
        });
    }

    Badge update(Badge badge) {
        sql.inSiteTransaction(badge.site(), () -> sql.update("UPDATE coworking_badges SET badge_class = ?,"
                + " valid_from = ?, valid_until = ?, status = ? WHERE id = ?", badge.badgeClass(),
                PlanStore.text(badge.validFrom()), PlanStore.text(badge.validUntil()), badge.status(), badge.id()));
        return badge;
    }

    static Badge badge(ResultSet row) throws SQLException {
        return new Badge(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), PlanStore.date(row.getString(7)), PlanStore.date(row.getString(8)),
                row.getString(9), row.getLong(10));
    }
}
