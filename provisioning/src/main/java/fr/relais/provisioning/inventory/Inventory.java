package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The territory as provisioning sees it: every place, the Pi (node) at each, and what each Pi
 * drives. The single source from which configurations, credentials and ACLs are derived.
 */
public record Inventory(String territory, Optional<BrokerSpec> broker, List<Site> sites) {

    public Inventory {
        Objects.requireNonNull(territory, "territory");
        Objects.requireNonNull(broker, "broker");
        sites = List.copyOf(sites);
    }

    public Inventory(String territory, List<Site> sites) {
        this(territory, Optional.empty(), sites);
    }

    public int nodeCount() {
        return sites.stream().mapToInt(site -> site.nodes().size()).sum();
    }

    public int deviceCount() {
        return sites.stream().flatMap(site -> site.nodes().stream()).mapToInt(node -> node.devices().size()).sum();
    }
}
