package fr.relais.hub.place;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The communes, the places (joined to the registry's sites) and whether this is example data. */
public final class Territory {
    public static final String EXAMPLE_PART = "territory";
    private static final String PLACE_COLUMNS = "SELECT s.id, s.name, s.kind, p.commune_id, p.address, p.lat, p.lon";

    private final PlaceSql sql;

    public Territory(PlaceSql sql) {
        this.sql = sql;
    }

    public List<Commune> communes() {
        return sql.query("SELECT id, name, lat, lon, van_served FROM communes ORDER BY name, id", Territory::commune);
    }

    public Optional<Commune> commune(String id) {
        return sql.one("SELECT id, name, lat, lon, van_served FROM communes WHERE id = ?", Territory::commune, id);
    }

    /** Every place: the sites of the registry and those with place data, by site id. */
    public List<Place> places(String onlySite) {
        String registered = PLACE_COLUMNS + " FROM sites s LEFT JOIN places p ON p.site_id = s.id"
                + (onlySite == null ? "" : " WHERE s.id = ?");
        String unregistered = "SELECT p.site_id, NULL, NULL, p.commune_id, p.address, p.lat, p.lon FROM places p"
                + " WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.id = p.site_id)"
                + (onlySite == null ? "" : " AND p.site_id = ?");
        Object[] parameters = onlySite == null ? new Object[0] : new Object[] {onlySite, onlySite};
        return sql.query(registered + " UNION ALL " + unregistered + " ORDER BY 1", Territory::place, parameters);
    }

    public Optional<Place> place(String site) {
        return places(site).stream().findFirst();
    }

    /** The van's site: the registry's site of kind van (the example's {@code spi} before it is seen). */
    public Optional<String> vanSite() {
        Optional<String> registered = sql.one("SELECT id FROM sites WHERE kind = 'van' ORDER BY id",
                row -> row.getString(1));
        return registered.isPresent() ? registered : example() ? Optional.of("spi") : Optional.empty();
    }

    public boolean example() {
        return sql.one("SELECT part FROM example_content WHERE part = ?", row -> row.getString(1), EXAMPLE_PART)
                .isPresent();
    }

    private static Commune commune(ResultSet row) throws SQLException {
        return new Commune(row.getString(1), row.getString(2), row.getDouble(3), row.getDouble(4), row.getBoolean(5));
    }

    private static Place place(ResultSet row) throws SQLException {
        return new Place(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                PlaceSql.nullableDouble(row, 6), PlaceSql.nullableDouble(row, 7));
    }
}
