package fr.relais.provisioning.command;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks an inventory without writing anything: before a commit, or in CI. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks an inventory and prints how many sites, nodes and devices it has.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the inventory is valid", "2:the inventory is invalid (the error names the line and field)"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Override
    public Integer call() {
        Inventory loaded;
        try {
            loaded = inventory.load();
        } catch (InventoryException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        spec.commandLine().getOut().println(inventory.file() + ": valid, " + loaded.territory() + ": "
                + plural(loaded.sites().size(), "site") + ", " + plural(loaded.nodeCount(), "node") + ", "
                + plural(loaded.deviceCount(), "device"));
        return ExitCodes.OK;
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
