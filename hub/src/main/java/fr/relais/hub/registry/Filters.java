package fr.relais.hub.registry;

/**
 * What the API's lists may be filtered by. A null field does not filter. Values are checked by
 * the API (identifiers, known wire values) before they get here.
 */
public final class Filters {
    private Filters() {
    }

    /**
     * @param kind a site kind: mediation, coworking or van
     * @param id   one site only (a viewer's own)
     */
    public record Sites(String kind, String id) {
        public static final Sites ALL = new Sites(null, null);

        public Sites(String kind) {
            this(kind, null);
        }
    }

    public record Nodes(String site, Boolean online) {
        public static final Nodes ALL = new Nodes(null, null);
    }

    public record Devices(String site, String node, String kind, String health) {
        public static final Devices ALL = new Devices(null, null, null, null);
    }

    /**
     * @param node   the node named in the message's topic
     * @param reason a piece of the reason, any case
     */
    public record DeadLetters(String node, String reason) {
        public static final DeadLetters ALL = new DeadLetters(null, null);
    }

    /** @param status a {@link CommandStatus} wire value */
    public record Commands(String node, String name, String status) {
    }

    /**
     * @param state    open, acknowledged, cleared, or active (open or acknowledged)
     * @param severity info, warning or critical
     * @param from     opened at or after, epoch milliseconds
     * @param to       opened before, epoch milliseconds
     */
    public record Alerts(String state, String site, String severity, String node, String device, Long from, Long to) {
        public Alerts(String state, String site, String severity) {
            this(state, site, severity, null, null, null, null);
        }
    }
}
