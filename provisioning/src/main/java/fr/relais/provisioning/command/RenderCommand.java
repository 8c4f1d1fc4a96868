package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import java.io.IOException;
import picocli.CommandLine.Command;

/** Everything a deployment needs, from the inventory and the folder's secrets. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Writes the deployment: broker/ (mosquitto.conf, passwd, acl, certificates), hub/ (credentials,"
                + " access-list signing key, unit), nodes/<id>/ (agent.yaml, units, first-boot bundle). Initialises OUT first if needed.",
                "Same inventory, same secrets: same bytes. Folders of nodes no longer in the inventory are removed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a file could not be written", "2:the inventory, the folder or an option is invalid"})
public final class RenderCommand extends DeploymentCommand {
    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        print(renderer.render(inventory));
        return ExitCodes.OK;
    }
}
