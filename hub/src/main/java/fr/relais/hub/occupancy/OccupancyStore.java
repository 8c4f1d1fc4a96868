package fr.relais.hub.occupancy;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The occupancy read models ({@code occupancy_hour}, {@code occupancy_day}) as the API shows them.
 * On the coworking data's connection (shared, serialised on it by {@link Sql}): the answers are
 * small, and the "now" figures read coworking presence there too. Every answer says
 * {@code simulated} when any row it used was the demo's simulated history.
 */
public class OccupancyStore extends Sql {
    private static final String SUMS = "SUM(entries), SUM(exits), SUM(room_minutes), SUM(coworker_checkins),"
            + " MAX(CASE WHEN simulated THEN 1 ELSE 0 END)";

    public OccupancyStore(Connection connection) {
        super(connection, "occupancy");
    }

    public boolean siteExists(String site) {
        return one("SELECT 1 FROM sites WHERE id = ?", row -> true, site).isPresent();
    }

    /** Entries per weekday and local hour over [from, to] (local days), 7 × 24 cells, and the period's totals. */
    Occupancy.Heatmap heatmap(String site, LocalDate from, LocalDate to) {
        Map<Integer, Long> weeks = LocalHours.weekdays(from, to);
        long[][] entries = new long[8][24];
        Occupancy.Sums[] totals = {Occupancy.Sums.ZERO};
        boolean[] simulated = {false};
        query("SELECT weekday, local_hour, " + SUMS + " FROM occupancy_hour WHERE site_id = ? AND local_day >= ?"
                + " AND local_day <= ? GROUP BY weekday, local_hour", row -> {
                    Occupancy.Sums sums = sums(row, 3);
                    entries[row.getInt(1)][row.getInt(2)] += sums.entries();
                    totals[0] = totals[0].plus(sums);
                    simulated[0] |= row.getInt(7) == 1;
                    return null;
                }, site, from.toString(), to.toString());
        List<Occupancy.Cell> cells = new ArrayList<>(7 * 24);
        for (int weekday = 1; weekday <= 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
                long sum = entries[weekday][hour];
                long count = weeks.get(weekday);
                cells.add(new Occupancy.Cell(weekday, hour, sum, count == 0 ? 0 : Math.round(sum * 100.0 / count) / 100.0));
            }
        }
        return new Occupancy.Heatmap(site, from, to, simulated[0], weeks, cells, totals[0]);
    }

    /** The days of [from, to] that have a row, in order. */
    Occupancy.Periods days(String site, LocalDate from, LocalDate to) {
        return periods(site, from, to, query("SELECT local_day, entries, exits, room_minutes, coworker_checkins,"
                + " CASE WHEN simulated THEN 1 ELSE 0 END FROM occupancy_day WHERE site_id = ? AND local_day >= ?"
                + " AND local_day <= ? ORDER BY local_day", OccupancyStore::period, site, from.toString(), to.toString()));
    }

    /** The months of the days of [from, to], summed (a month cut by the period counts its days inside it). */
    Occupancy.Periods months(String site, LocalDate from, LocalDate to) {
        return periods(site, from, to, query("SELECT month, " + SUMS + " FROM occupancy_day WHERE site_id = ?"
                + " AND local_day >= ? AND local_day <= ? GROUP BY month ORDER BY month", OccupancyStore::period, site,
                from.toString(), to.toString()));
    }

    private static Occupancy.Periods periods(String site, LocalDate from, LocalDate to, List<Occupancy.Period> rows) {
        return new Occupancy.Periods(site, from, to, rows.stream().anyMatch(Occupancy.Period::simulated), rows);
    }

    private static Occupancy.Period period(ResultSet row) throws SQLException {
        return new Occupancy.Period(row.getString(1), sums(row, 2), row.getInt(6) == 1);
    }

    private static Occupancy.Sums sums(ResultSet row, int first) throws SQLException {
        return new Occupancy.Sums(row.getLong(first), row.getLong(first + 1), row.getLong(first + 2),
                row.getLong(first + 3));
    }
}
