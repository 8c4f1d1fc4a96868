package fr.relais.hub.place;

/**
 * A site as a place visitors come to: its name and kind from the registry (null while no node of
 * it has been seen), its commune and address from the places table (null if not set).
 */
public record Place(String site, String name, String kind, String communeId, String address, Double lat,
                    Double lon) {
}
