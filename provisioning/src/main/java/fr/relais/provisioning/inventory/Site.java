package fr.relais.provisioning.inventory;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One public place, or the van.
 *
 * @param commune   where the place is; for the van, the commune it is garaged in
 * @param inseeCode the official code of the commune, only when someone copied it from INSEE:
 *                  provisioning never guesses official codes
 */
public record Site(String id, String name, SiteKind kind, String commune, Optional<String> address,
                   Optional<String> inseeCode, List<Node> nodes) {

    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(commune, "commune");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(inseeCode, "inseeCode");
        nodes = List.copyOf(nodes);
    }

    /** A door or a badge reader on any of its nodes: the place's nodes then get the access-list key. */
    public boolean hasDoor() {
        return nodes.stream().flatMap(node -> node.devices().stream())
                .anyMatch(device -> device.kind() == DeviceKind.DOOR || device.kind() == DeviceKind.BADGE_READER);
    }
}
