package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;

/**
 * The territory as provisioning sees it: every place, the Pi (node) at each, and what each Pi
 * drives. The single source from which configurations, credentials and ACLs are derived.
 */
public record Inventory(String territory, List<Site> sites) {

    public Inventory {
        Objects.requireNonNull(territory, "territory");
        sites = List.copyOf(sites);
    }

    public int nodeCount() {
        return sites.stream().mapToInt(site -> site.nodes().size()).sum();
    }

    public int deviceCount() {
        return sites.stream().flatMap(site -> site.nodes().stream()).mapToInt(node -> node.devices().size()).sum();
    }
}
