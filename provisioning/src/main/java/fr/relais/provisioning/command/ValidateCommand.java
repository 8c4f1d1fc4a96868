package fr.relais.provisioning.command;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.render.DriverMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks an inventory without writing anything: before a commit, or in CI. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks an inventory and prints how many sites, nodes and devices it has.",
                "Every node's agent.yaml, as render would write it, is read by the edge agent's own loader: an"
                        + " unknown driver, a kind it does not drive or settings it refuses are named with their line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the inventory is valid", "2:the inventory is invalid (the error names the line and field)"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Option(names = "--simulated",
            description = "Check the configurations as render --simulated and demo-configs write them: every device"
                    + " simulated.")
    private boolean simulated;

    @Override
    public Integer call() {
        Inventory loaded;
        try {
            loaded = inventory.load(simulated ? DriverMode.SIMULATED : DriverMode.AS_INVENTORY);
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
