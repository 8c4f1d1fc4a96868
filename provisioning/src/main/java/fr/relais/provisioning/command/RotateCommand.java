package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * New credentials for a node. The old ones stay valid for the overlap, so the node can be given
 * its new agent.yaml and restarted without a moment offline; a revoked node is let back in.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Gives NODE new credentials (username NODE.<n+1>), keeps the old ones valid for the overlap,"
                + " then renders. Copy the new passwd and acl to the broker and reload it; copy nodes/NODE/ to the Pi."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rotated and written", "1:a file could not be written", "2:unknown node or invalid input"})
public final class RotateCommand extends DeploymentCommand {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node's id.")
    String node;

    @Option(names = "--overlap-hours", paramLabel = "HOURS", defaultValue = "168",
            description = "How long the old credentials stay valid (default: ${DEFAULT-VALUE}, a week; 0 cuts them at once).")
    long overlapHours;

    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        requireNode(inventory, node);
        Instant now = clock.instant();
        Instant overlapEnds = overlapEnds(overlapHours, now);
        boolean[] wasRevoked = {false};
        print(renderer.render(inventory, store -> {
            wasRevoked[0] = store.existing(node).map(identity -> identity.revoked()).orElse(false);
            store.rotate(node, now, overlapEnds);
        }));
        // A revoked node's old credentials stay refused: saying they last for the overlap would be false.
        out().println(node + (wasRevoked[0] ? ": let back in with new credentials; the revoked ones stay refused"
                : ": rotated; old credentials valid until " + overlapEnds)
                + ". Now copy broker/passwd and broker/acl to the broker and reload it (systemctl reload relais-broker).");
        return ExitCodes.OK;
    }
}
