package fr.relais.provisioning.command;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.InventoryLoader;
import fr.relais.provisioning.render.AgentConfigCheck;
import fr.relais.provisioning.render.DriverMode;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --inventory FILE} option that every subcommand working from an inventory shares. */
public final class InventoryOption {
    @Option(names = "--inventory", required = true, paramLabel = "FILE",
            description = "The territory's inventory (YAML), such as provisioning/examples/territoire.yaml.")
    private Path file;

    public Path file() {
        return file;
    }

    /**
     * The inventory, with every node's agent configuration, as {@code drivers} would render it,
     * checked by the edge agent's own loader: an unknown driver, a kind it does not drive or
     * settings it refuses are reported on the inventory's line.
     */
    public Inventory load(DriverMode drivers) throws InventoryException {
        return new InventoryLoader(new AgentConfigCheck(drivers)).load(file);
    }
}
