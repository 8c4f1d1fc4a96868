package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;

/**
 * A new deployment folder: the private CA, the broker's server certificate, every node's first
 * credentials (and client certificate where chosen), then a first render. Refuses a folder that
 * already has secrets: re-creating a CA would cut every node off.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Creates a deployment folder (private CA, secrets kept out of the inventory) and renders it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:created", "1:a file could not be written", "2:invalid inventory, or OUT already initialised"})
public final class InitCommand extends DeploymentCommand {
    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        if (Files.exists(layout.credentials()) || Files.exists(layout.certificateAuthority())) {
            throw new DeploymentException(layout.root() + " is already a deployment (secrets/ exists): use render,"
                    + " rotate or revoke; a new CA would cut every node off");
        }
        print(renderer.render(inventory));
        return ExitCodes.OK;
    }
}
