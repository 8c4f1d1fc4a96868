package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Shuts a node out: no credential in passwd, no line in the ACL, its folder removed. A stolen Pi
 * or SD card is the case in mind, hence the reload of the running broker right away.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Removes NODE from the broker's passwd and ACL (every credential it had) and renders.",
                "With --broker-pid, the running broker on this machine is told to reload (SIGHUP)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:revoked (and the broker told, if asked)", "1:a file could not be written or the broker"
                + " could not be signalled", "2:unknown node or invalid input"})
public final class RevokeCommand extends DeploymentCommand {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node's id.")
    String node;

    @Option(names = "--broker-pid", paramLabel = "PID",
            description = "Process id of the running mosquitto to reload, once the files are written.")
    Long brokerPid;

    @Override
    int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException {
        requireNode(inventory, node);
        DeploymentRenderer.Outcome outcome = renderer.render(inventory, store -> store.revoke(node, clock.instant()));
        print(outcome);
        boolean certificate = inventory.sites().stream().flatMap(site -> site.nodes().stream())
                .anyMatch(candidate -> candidate.id().equals(node)
                        && candidate.auth() == fr.relais.provisioning.inventory.NodeAuth.CERTIFICATE);
        if (certificate) {
            // Mosquitto 2.0 reads crlfile at start only; the reload already takes the ACL away.
            out().println(node + ": its certificate is on broker/crl.pem: copy it to the broker and restart the broker"
                    + " (systemctl restart relais-broker) to refuse its handshake; a reload only empties its ACL");
        }
        if (brokerPid == null) {
            out().println(node + ": revoked. Copy broker/passwd and broker/acl to the broker and reload it"
                    + " (systemctl reload relais-broker): until then it still accepts the node.");
            return ExitCodes.OK;
        }
        if (!outcome.brokerDir().equals(layout.broker())) {
            err().println(node + ": revoked in the files, but the broker reads " + outcome.brokerDir() + ": copy"
                    + " broker/passwd and broker/acl there, then reload it (not signalled)");
            return ExitCodes.FAILURE;
        }
        try {
            BrokerReload.signal(brokerPid);
        } catch (IOException e) {
            err().println(node + ": revoked in the files, but the broker was not told: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        out().println(node + ": revoked; broker " + brokerPid + " told to reload (SIGHUP)");
        return ExitCodes.OK;
    }
}
