package fr.relais.hub.place;

/** A commune of the territory; {@code vanServed}: the van stops there. */
public record Commune(String id, String name, double lat, double lon, boolean vanServed) {
    /** Neighbouring communes are this close to a place's commune, as the crow flies. */
    public static final double NEIGHBOUR_KM = 12.0;
    private static final double EARTH_RADIUS_KM = 6371.0;

    /** The great-circle (haversine) distance to another commune, in kilometres. */
    public double kilometresTo(Commune other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    public boolean near(Commune other) {
        return id.equals(other.id) || kilometresTo(other) <= NEIGHBOUR_KM;
    }
}
