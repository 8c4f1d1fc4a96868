package fr.relais.provisioning.command;

import fr.relais.provisioning.inventory.Inventory;
import fr.relais.provisioning.inventory.InventoryException;
import fr.relais.provisioning.render.DemoConfigWriter;
import fr.relais.provisioning.render.DemoSettings;
import fr.relais.provisioning.render.DriverMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import java.util.Optional;

/** Writes one edge-agent configuration per node, every device simulated, for the demo. */
@Command(name = "demo-configs", mixinStandardHelpOptions = true,
        description = {"Writes OUT/<node-id>/agent.yaml for every node of the inventory, every device simulated (of a"
                + " real driver's settings, only those the simulations read are kept, such as a probe's link).",
                "For the demo only, never for a real place. Same input, same bytes; existing files are replaced."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every configuration was written", "1:a file could not be written",
                "2:the inventory or an option is invalid"})
public final class DemoConfigsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private InventoryOption inventory;

    @Option(names = "--broker-url", required = true, paramLabel = "URL",
            description = "The broker every demo agent connects to, such as tcp://127.0.0.1:1883.")
    private String brokerUrl;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write one folder per node.")
    private Path out;

    @Option(names = "--telemetry-interval", paramLabel = "SECONDS",
            defaultValue = "" + DemoSettings.DEFAULT_TELEMETRY_INTERVAL_SECONDS,
            description = "Seconds between two telemetry reports of each agent (default: ${DEFAULT-VALUE}).")
    private int telemetryInterval;

    @Option(names = "--access-signing-key", paramLabel = "FILE",
            description = {"The demo hub's key for the doors' access lists (a PRIVATE KEY PEM), made with its public"
                    + " half FILE.pub when missing. The public half goes into the door nodes' configurations;"
                    + " give the hub the same FILE (relais-hub --access-signing-key). Without it: no lists."})
    private Path accessSigningKey;

    @Override
    public Integer call() {
        DemoSettings settings;
        Optional<String> accessPublicKey;
        try {
            accessPublicKey = accessSigningKey == null ? Optional.empty()
                    : Optional.of(DemoAccessKey.publicKey(accessSigningKey));
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("cannot make or read the demo's access key " + accessSigningKey + ": "
                    + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try {
            settings = new DemoSettings(brokerUrl, telemetryInterval, accessPublicKey);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Inventory loaded;
        try {
            loaded = inventory.load(DriverMode.SIMULATED);
        } catch (InventoryException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter console = spec.commandLine().getOut();
        try {
            List<DemoConfigWriter.WrittenConfig> written = new DemoConfigWriter(settings).write(loaded, out);
            for (DemoConfigWriter.WrittenConfig config : written) {
                console.println(config.node().id() + ": " + config.file() + " ("
                        + ValidateCommand.plural(config.node().devices().size(), "simulated device") + ")");
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot write the demo configurations under " + out + ": " + e);
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
