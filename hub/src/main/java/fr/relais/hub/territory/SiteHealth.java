package fr.relais.hub.territory;

import fr.relais.hub.registry.Views;
import java.util.Collection;

/**
 * The worst health of a place, from its nodes and devices (and, in {@link TerritoryView}, its open
 * alerts): critical before warning before unknown before ok. A node that is offline or silent makes the place critical (nobody can see its
 * devices any more, and their last health is stale); a place no node ever reported from is
 * unknown. Each level has the words a technician reads on a phone, never the colour alone.
 */
public enum SiteHealth {
    OK("ok", "Tout fonctionne"),
    UNKNOWN("unknown", "État inconnu"),
    WARNING("warning", "À surveiller"),
    CRITICAL("critical", "En panne ou injoignable");

    private final String wire;
    private final String words;

    SiteHealth(String wire, String words) {
        this.wire = wire;
        this.words = words;
    }

    public String wire() {
        return wire;
    }

    public String words() {
        return words;
    }

    /** The worst of the place's nodes and of the devices of its nodes that are online. */
    public static SiteHealth of(Collection<Views.Node> nodes, Collection<Views.Device> devices) {
        if (nodes.isEmpty()) {
            return UNKNOWN;
        }
        SiteHealth worst = OK;
        for (Views.Node node : nodes) {
            if (!node.online()) {
                return CRITICAL;
            }
        }
        for (Views.Device device : devices) {
            worst = worse(worst, ofDevice(device.health()));
        }
        return worst;
    }

    /** A device's reported health; anything unexpected counts as unknown, never as ok. */
    public static SiteHealth ofDevice(String health) {
        if (health == null) {
            return UNKNOWN;
        }
        return switch (health) {
            case "ok" -> OK;
            case "warning" -> WARNING;
            case "critical" -> CRITICAL;
            default -> UNKNOWN;
        };
    }

    public static SiteHealth worse(SiteHealth a, SiteHealth b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
