package fr.relais.provisioning.command;

import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.DeploymentRenderer;
import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.render.DriverMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What init, render, add-node, rotate and revoke share: the inventory, the deployment folder,
 * and the way a render's outcome or failure is reported. Subclasses say what changes first.
 */
abstract class DeploymentCommand implements Callable<Integer> {
    /** Tests move time forward (a rotation's overlap ending) through this. */
    static Clock clock = Clock.systemUTC();

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOption inventory;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The deployment folder: secrets/ (keep it, back it up), broker/, hub/, nodes/<id>/.")
    Path out;

    @Option(names = "--broker-dir", paramLabel = "DIR",
            description = "Where the broker/ folder will live on the broker machine (absolute), as written in"
                    + " mosquitto.conf and its unit; remembered by the deployment (default: as last given, else OUT/broker).")
    Path brokerDir;

    @Option(names = "--simulated",
            description = "Every device on the simulated driver, the real drivers' settings dropped (all but those the"
                    + " simulations read, such as a probe's link): for a test bench, never for a real place. Not"
                    + " remembered: give it to every command on such a deployment.")
    boolean simulated;

    @Override
    public final Integer call() {
        DriverMode drivers = simulated ? DriverMode.SIMULATED : DriverMode.AS_INVENTORY;
        Inventory loaded;
        try {
            loaded = inventory.load(drivers);
        } catch (InventoryException e) {
            err().println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        if (brokerDir != null && !brokerDir.isAbsolute()) {
            err().println("--broker-dir must be an absolute path on the broker machine, not " + brokerDir);
            return ExitCodes.INVALID_INPUT;
        }
        DeploymentLayout layout = new DeploymentLayout(out);
        try (DeploymentLock lock = DeploymentLock.take(layout)) {
            return run(loaded, layout, new DeploymentRenderer(layout, Optional.ofNullable(brokerDir), clock, drivers));
        } catch (DeploymentException e) {
            err().println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err().println("cannot write the deployment under " + out + ": " + e);
            return ExitCodes.FAILURE;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // A value the inventory loader let through but a certificate or file refuses: one line.
            err().println("cannot render the deployment under " + out + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    abstract int run(Inventory inventory, DeploymentLayout layout, DeploymentRenderer renderer)
            throws DeploymentException, IOException;

    void print(DeploymentRenderer.Outcome outcome) {
        outcome.lines().forEach(out()::println);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** When a rotation's old credentials stop being valid: {@code hours} from now, at most a year. */
    static Instant overlapEnds(long hours, Instant now) throws DeploymentException {
        if (hours < 0 || hours > 24 * 365) {
            throw new DeploymentException("--overlap-hours must be between 0 and 8760");
        }
        return now.plus(Duration.ofHours(hours));
    }

    /** A node the inventory has, or a refusal naming it. */
    static void requireNode(Inventory inventory, String node) throws DeploymentException {
        boolean known = inventory.sites().stream().flatMap(site -> site.nodes().stream())
                .anyMatch(candidate -> candidate.id().equals(node));
        if (!known) {
            throw new DeploymentException("no node '" + node + "' in the inventory");
        }
    }
}
