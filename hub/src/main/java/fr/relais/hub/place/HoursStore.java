package fr.relais.hub.place;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The tables place_hours (weekly) and place_hours_exceptions. */
public final class HoursStore {
    private final PlaceSql sql;

    public HoursStore(PlaceSql sql) {
        this.sql = sql;
    }

    public OpeningHours hours(String site) {
        List<WeeklyPeriod> weekly = sql.query("SELECT day, opens, closes FROM place_hours WHERE site_id = ?",
                row -> new WeeklyPeriod(DayOfWeek.valueOf(row.getString(1)), LocalTime.parse(row.getString(2)),
                        LocalTime.parse(row.getString(3))), site);
        List<HoursException> exceptions = sql.query("SELECT id, day, closed, opens, closes, label"
                + " FROM place_hours_exceptions WHERE site_id = ? ORDER BY day, id", HoursStore::exception, site);
        return new OpeningHours(weekly, exceptions);
    }

    /** Replaces the site's weekly hours, all at once. */
    public void replaceWeekly(String site, List<WeeklyPeriod> weekly) {
        sql.inTransaction(() -> {
            sql.update("DELETE FROM place_hours WHERE site_id = ?", site);
            for (WeeklyPeriod period : weekly) {
                sql.update("INSERT INTO place_hours (site_id, day, opens, closes) VALUES (?, ?, ?, ?)", site,
                        period.day().name(), period.opens().toString(), period.closes().toString());
            }
            return null;
        });
    }

    public void addException(String site, HoursException exception, long at) {
        sql.update("INSERT INTO place_hours_exceptions (id, site_id, day, closed, opens, closes, label, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", exception.id(), site, exception.date().toString(),
                exception.closed(), text(exception.opens()), text(exception.closes()), exception.label(), at);
    }

    /** @return whether the site had that exception */
    public boolean deleteException(String site, String id) {
        return sql.update("DELETE FROM place_hours_exceptions WHERE site_id = ? AND id = ?", site, id) == 1;
    }

    private static String text(LocalTime time) {
        return time == null ? null : time.toString();
    }

    private static HoursException exception(ResultSet row) throws SQLException {
        String opens = row.getString(4);
        String closes = row.getString(5);
        return new HoursException(row.getString(1), LocalDate.parse(row.getString(2)), row.getBoolean(3),
                opens == null ? null : LocalTime.parse(opens), closes == null ? null : LocalTime.parse(closes),
                row.getString(6));
    }
}
