package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import io.vertx.core.json.JsonArray;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The coworking_plans table. */
final class PlanStore {
    static final String COLUMNS = "SELECT id, site_id, name, kind, doors, windows, valid_from, valid_until, pack_days,"
            + " created_at";

    private final CoworkSql sql;

    PlanStore(CoworkSql sql) {
        this.sql = sql;
    }

    Page<Plan> list(String site, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_plans", List.of(CoworkSql.text("id")), false)
                .where("site_id = ?", site);
        return sql.page(query, page, PlanStore::plan, plan -> List.of(plan.id()));
    }

    Optional<Plan> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_plans WHERE id = ?", PlanStore::plan, id);
    }

    Plan create(Plan plan) {
        sql.inSiteTransaction(plan.site(), () -> sql.update("INSERT INTO coworking_plans (id, site_id, name, kind,"
                + " doors, windows, valid_from, valid_until, pack_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                plan.id(), plan.site(), plan.name(), plan.kind(), new JsonArray(plan.doors()).encode(),
                Windows.write(plan.windows()).encode(), text(plan.validFrom()), text(plan.validUntil()),
                plan.packDays(), plan.createdAt()));
        return plan;
    }

    Plan update(Plan plan) {
        sql.inSiteTransaction(plan.site(), () -> sql.update("UPDATE coworking_plans SET name = ?, kind = ?, doors = ?,"
                + " windows = ?, valid_from = ?, valid_until = ?, pack_days = ? WHERE id = ?", plan.name(), plan.kind(),
                new JsonArray(plan.doors()).encode(), Windows.write(plan.windows()).encode(), text(plan.validFrom()),
                text(plan.validUntil()), plan.packDays(), plan.id()));
        return plan;
    }

    static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    @SuppressWarnings("unchecked")
    static Plan plan(ResultSet row) throws SQLException {
        return new Plan(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                (List<String>) (List<?>) new JsonArray(row.getString(5)).getList(), Windows.fromColumn(row.getString(6)),
                date(row.getString(7)), date(row.getString(8)), CoworkSql.nullableInt(row, 9), row.getLong(10));
    }
}
