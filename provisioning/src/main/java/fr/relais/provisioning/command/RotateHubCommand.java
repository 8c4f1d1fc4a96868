package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.Credential;
import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * New MQTT credentials for the hub (a leaked hub.env, a technician leaving), under a new username
 * so that the running hub stays connected while the broker reloads, and the restarted hub takes
 * its session and what was queued for it over (see HubIdentity for why a new password alone
 * would lose them).
 */
@Command(name = "rotate-hub", mixinStandardHelpOptions = true,
        description = {"Gives the hub new MQTT credentials (username relais-hub.<n+1>), keeps the old ones valid for"
                + " the overlap, then renders. On the broker machine: copy broker/passwd and broker/acl and reload the"
                + " broker, then install hub/hub.env and restart the hub."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rotated and written", "1:a file could not be written", "2:invalid input"})
public final class RotateHubCommand extends DeploymentCommand {
    @Option(names = "--overlap-hours", paramLabel = "HOURS", defaultValue = "24",
            description = "How long the old credentials stay valid (default: ${DEFAULT-VALUE}; 0 cuts them at once,"
                    + " and the broker then drops the hub's queued messages at its next reload).")
    long overlapHours;

    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        Instant now = clock.instant();
        Instant overlapEnds = overlapEnds(overlapHours, now);
        Credential[] rotated = new Credential[1];
        print(renderer.render(inventory, store -> rotated[0] = store.rotateHub(now, overlapEnds)));
        out().println("hub: now " + rotated[0].username() + "; the old credentials stay valid until " + overlapEnds
                + ". On the broker machine: copy broker/passwd and broker/acl and reload the broker (systemctl reload"
                + " relais-broker), then install hub/hub.env and restart the hub (systemctl restart relais-hub); it"
                + " takes its session over, with what the broker queued for it.");
        return ExitCodes.OK;
    }
}
