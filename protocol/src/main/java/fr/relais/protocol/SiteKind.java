package fr.relais.protocol;

/** What kind of public place a site is. */
public enum SiteKind implements WireValue {
    /** A digital-mediation place (tiers-lieu numérique) open to the public. */
    MEDIATION("mediation"),
    /** The professional coworking place, entered with a badge. */
    COWORKING("coworking"),
    /** The travelling public-service van. */
    VAN("van");

    private final String wire;

    SiteKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
