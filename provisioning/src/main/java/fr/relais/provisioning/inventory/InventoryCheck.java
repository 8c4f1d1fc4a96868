package fr.relais.provisioning.inventory;

import fr.relais.protocol.json.FieldException;
import java.util.function.Predicate;

/**
 * A check of a well-formed inventory by someone who knows more than its shape: the edge agent,
 * which knows its drivers and their settings. It names the inventory field at fault, and the
 * loader turns that into the file's line.
 */
@FunctionalInterface
public interface InventoryCheck {
    /** The shape alone. */
    InventoryCheck NONE = (inventory, written) -> { };

    /**
     * @param written whether a field path (such as {@code sites[0].nodes[0].devices[2].settings.uri})
     *                is written in the file; a device's setting may come from its profile instead
     */
    void check(Inventory inventory, Predicate<String> written) throws FieldException;
}
