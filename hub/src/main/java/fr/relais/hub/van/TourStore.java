package fr.relais.hub.van;

import fr.relais.hub.place.Commune;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.Territory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tables van_stops and van_exceptions, and the tour they make with the communes. */
public final class TourStore {
    private static final String STOP_COLUMNS = "SELECT id, commune_id, place, weekday, ordinal, starts, ends,"
            + " valid_from, valid_until, note FROM van_stops";
    private static final String EXCEPTION_COLUMNS = "SELECT id, kind, day, stop_id, commune_id, to_day, starts,"
            + " ends, place, reason FROM van_exceptions";

    private final PlaceSql sql;
    private final Territory territory;

    public TourStore(PlaceSql sql) {
        this.sql = sql;
        this.territory = new Territory(sql);
    }

    public Territory territory() {
        return territory;
    }

    public VanTour tour() {
        return new VanTour(stops(), exceptions(), territory.communes().stream()
                .collect(Collectors.toMap(Commune::id, Function.identity())));
    }

    public List<VanStop> stops() {
        return sql.query(STOP_COLUMNS + " ORDER BY commune_id, ordinal, weekday, id", TourStore::stop);
    }

    public Optional<VanStop> stop(String id) {
        return sql.one(STOP_COLUMNS + " WHERE id = ?", TourStore::stop, id);
    }

    public List<VanException> exceptions() {
        return sql.query(EXCEPTION_COLUMNS + " ORDER BY day, id", TourStore::exception);
    }

    public void saveStop(VanStop stop, long at, boolean create) {
        if (create) {
            sql.update("INSERT INTO van_stops (id, commune_id, place, weekday, ordinal, starts, ends, valid_from,"
                    + " valid_until, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stop.id(),
                    stop.communeId(), stop.place(), stop.weekday().name(), stop.ordinal(), stop.start().toString(),
                    stop.end().toString(), stop.validFrom().toString(), text(stop.validUntil()), stop.note(), at);
        } else {
            sql.update("UPDATE van_stops SET commune_id = ?, place = ?, weekday = ?, ordinal = ?, starts = ?, ends = ?,"
                    + " valid_from = ?, valid_until = ?, note = ? WHERE id = ?", stop.communeId(), stop.place(),
                    stop.weekday().name(), stop.ordinal(), stop.start().toString(), stop.end().toString(),
                    stop.validFrom().toString(), text(stop.validUntil()), stop.note(), stop.id());
        }
    }

    /** Deletes the stop and the exceptions of its visits. */
    public boolean deleteStop(String id) {
        return sql.inTransaction(() -> {
            sql.update("DELETE FROM van_exceptions WHERE stop_id = ?", id);
            return sql.update("DELETE FROM van_stops WHERE id = ?", id) == 1;
        });
    }

    public void addException(VanException e, long at) {
        sql.update("INSERT INTO van_exceptions (id, kind, day, stop_id, commune_id, to_day, starts, ends, place, reason,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.kind(), e.date().toString(),
                e.stopId(), e.communeId(), text(e.toDate()), text(e.start()), text(e.end()), e.place(), e.reason(), at);
    }

    public boolean deleteException(String id) {
        return sql.update("DELETE FROM van_exceptions WHERE id = ?", id) == 1;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static LocalTime time(String text) {
        return text == null ? null : LocalTime.parse(text);
    }

    private static VanStop stop(ResultSet row) throws SQLException {
        return new VanStop(row.getString(1), row.getString(2), row.getString(3), DayOfWeek.valueOf(row.getString(4)),
                row.getInt(5), time(row.getString(6)), time(row.getString(7)), date(row.getString(8)),
                date(row.getString(9)), row.getString(10));
    }

    private static VanException exception(ResultSet row) throws SQLException {
        return new VanException(row.getString(1), row.getString(2), date(row.getString(3)), row.getString(4),
                row.getString(5), date(row.getString(6)), time(row.getString(7)), time(row.getString(8)),
                row.getString(9), row.getString(10));
    }
}
