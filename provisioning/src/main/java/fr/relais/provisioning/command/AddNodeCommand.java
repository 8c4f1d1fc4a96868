package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryEditor;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.inventory.NodeAuth;
import fr.relais.provisioning.render.GeneratedFile;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A new Pi for a place: into the inventory (its comments kept), then credentials and files. */
@Command(name = "add-node", mixinStandardHelpOptions = true,
        description = {"Adds NODE to SITE in the inventory file (with no devices yet), gives it credentials and"
                + " renders. The inventory is changed only if the result is valid."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:added and written", "1:a file could not be written",
                "2:invalid inventory, unknown site, or the id is taken or not an id"})
public final class AddNodeCommand extends DeploymentCommand {
    @Parameters(index = "0", paramLabel = "NODE", description = "The new node's id (lower-case letters, digits, '-').")
    String node;

    @Option(names = "--site", required = true, paramLabel = "SITE", description = "The site the Pi is for.")
    String site;

    @Option(names = "--auth", defaultValue = "password", paramLabel = "password|certificate",
            description = "How the node authenticates (default: ${DEFAULT-VALUE}).")
    String auth;

    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        NodeAuth chosen = fr.relais.protocol.WireValue.fromWire(NodeAuth.class, auth);
        if (chosen == null) {
            throw new DeploymentException("--auth must be password or certificate, not '" + auth + "'");
        }
        byte[] before = java.nio.file.Files.readAllBytes(this.inventory.file());
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(this.inventory.file()));
        Inventory updated;
        try {
            updated = new InventoryEditor().addNode(this.inventory.file(), site, node, chosen);
        } catch (InventoryException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        out().println(node + ": added to site " + site + " in " + this.inventory.file());
        boolean rendered = false;
        try {
            // An id that was here before (a Pi replacing a stolen one) gets new credentials.
            print(renderer.render(updated, store -> {
                if (store.existing(node).isPresent()) {
                    store.rotate(node, clock.instant(), clock.instant());
                }
            }));
            rendered = true;
        } finally {
            if (!rendered) {
                GeneratedFile.write(this.inventory.file(), before, mode);
                err().println(node + ": not added, the inventory is as it was");
            }
        }
        return ExitCodes.OK;
    }
}
