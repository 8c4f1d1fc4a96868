package fr.relais.provisioning.command;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.InventoryLoader;
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

    public Inventory load() throws InventoryException {
        return new InventoryLoader().load(file);
    }
}
