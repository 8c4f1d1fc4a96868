package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The coworking_members table; revoking a member revokes its badges in the same transaction. */
final class MemberStore {
    static final String COLUMNS = "SELECT id, site_id, name, organisation, email, plan_id, status, notes,"
            + " pack_days_left, created_at";

    private final CoworkSql sql;

    MemberStore(CoworkSql sql) {
        this.sql = sql;
    }

    Page<Member> list(String site, String status, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_members", List.of(CoworkSql.text("id")), false)
                .where("site_id = ?", site).where("status = ?", status);
        return sql.page(query, page, MemberStore::member, member -> List.of(member.id()));
    }

    Optional<Member> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_members WHERE id = ?", MemberStore::member, id);
    }

    Member create(Member member) {
        sql.inSiteTransaction(member.site(), () -> sql.update("INSERT INTO coworking_members (id, site_id, name,"
                + " organisation, email, plan_id, status, notes, pack_days_left, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", member.id(), member.site(), member.name(),
                member.organisation(), member.email(), member.planId(), member.status(), member.notes(),
                member.packDaysLeft(), member.createdAt()));
        return member;
    }

    Member update(Member member) {
        sql.inSiteTransaction(member.site(), () -> {
            sql.update("UPDATE coworking_members SET name = ?, organisation = ?, email = ?, plan_id = ?, status = ?,"
                    + " notes = ?, pack_days_left = ? WHERE id = ?", member.name(), member.organisation(),
                    member.email(), member.planId(), member.status(), member.notes(), member.packDaysLeft(),
                    member.id());
            if (member.status().equals("revoked")) {
                sql.update("UPDATE coworking_badges SET status = 'revoked' WHERE member_id = ?", member.id());
            }
            return null;
        });
        return member;
    }

    static Member member(ResultSet row) throws SQLException {
        return new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), CoworkSql.nullableInt(row, 9), row.getLong(10));
    }
}
