package fr.relais.provisioning;

import fr.relais.provisioning.command.AddNodeCommand;
import fr.relais.provisioning.command.BadgeHashCommand;
import fr.relais.provisioning.command.DemoConfigsCommand;
import fr.relais.provisioning.command.HashPinCommand;
import fr.relais.provisioning.command.InitCommand;
import fr.relais.provisioning.command.RenderCommand;
import fr.relais.provisioning.command.RevokeCommand;
import fr.relais.provisioning.command.RotateCommand;
import fr.relais.provisioning.command.RotateHubCommand;
import fr.relais.provisioning.command.ExitCodes;
import fr.relais.provisioning.command.ValidateCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code relais provision}: from the territory's inventory to what each place needs. Each
 * subcommand is its own class in {@code fr.relais.provisioning.command}; this one only lists them.
 */
@Command(name = "relais-provision", mixinStandardHelpOptions = true, versionProvider = ProvisionMain.Version.class,
        description = "Provisioning of the Relais fleet from the territory's inventory.",
        subcommands = {ValidateCommand.class, DemoConfigsCommand.class, InitCommand.class, RenderCommand.class,
                AddNodeCommand.class, RotateCommand.class, RotateHubCommand.class, RevokeCommand.class, HashPinCommand.class,
                BadgeHashCommand.class,
                CommandLine.HelpCommand.class})
public final class ProvisionMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        // Place names are French: do not let a POSIX locale turn their accents into '?'.
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }

    /** The command line with every subcommand, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ProvisionMain());
    }

    /** Without a subcommand there is nothing to do: say what there is. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing subcommand.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID_INPUT;
    }

    static String version() {
        String version = ProvisionMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Prints the version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"relais-provision " + version()};
        }
    }
}
