package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The territory as provisioning sees it: every place, the Pi (node) at each, and what each Pi
 * drives. The single source from which configurations, credentials and ACLs are derived.
 *
 * @param profiles the equipment profiles devices may follow; already applied to each device
 */
public record Inventory(String territory, Optional<BrokerSpec> broker, List<DeviceProfile> profiles, List<Site> sites) {

    public Inventory {
        Objects.requireNonNull(territory, "territory");
        Objects.requireNonNull(broker, "broker");
        profiles = List.copyOf(profiles);
        sites = List.copyOf(sites);
    }

    public Inventory(String territory, Optional<BrokerSpec> broker, List<Site> sites) {
        this(territory, broker, List.of(), sites);
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

    /** The position of a profile in {@code profiles:}, for naming its fields; -1 if there is none of that id. */
    public int profileIndex(String id) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
