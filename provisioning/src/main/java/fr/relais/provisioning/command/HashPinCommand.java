package fr.relais.provisioning.command;

import fr.relais.agent.localapi.MaintenancePin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Makes the kiosk's technician PIN hash that the inventory holds ({@code maintenancePin}): the
 * inventory is shared and versioned, so it never holds the PIN itself. The PIN is read from the
 * standard input, never from the command line that {@code ps} and the shell's history show.
 */
@Command(name = "hash-pin", mixinStandardHelpOptions = true,
        description = {"Reads a technician PIN (4 to 8 digits, what the kiosk's pad can type) on the standard input"
                + " and prints its hash for a kiosk's maintenancePin setting in the inventory.",
                "Example: ./relais provision hash-pin   (then type the PIN and Enter)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the hash is printed", "2:the PIN is not 4 to 8 digits"})
public final class HashPinCommand implements Callable<Integer> {
    /** The kiosk's PIN pad has digits only and takes at most 8 (TechnicianGate). */
    static final String PIN_FORMAT = "[0-9]{4,8}";

    @Spec
    private CommandSpec spec;

    private final InputStream input;

    public HashPinCommand() {
        this(System.in);
    }

    HashPinCommand(InputStream input) {
        this.input = input;
    }

    @Override
    public Integer call() throws IOException {
        java.io.Console console = input == System.in ? System.console() : null;
        String pin;
        if (console != null) {
            char[] typed = console.readPassword("Technician PIN (4 to 8 digits): ");
            pin = typed == null ? "" : new String(typed);
        } else {
            String line = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)).readLine();
            pin = line == null ? "" : line.strip();
        }
        if (!pin.matches(PIN_FORMAT)) {
            // The refusal never repeats what was typed.
            spec.commandLine().getErr().println("the PIN must be 4 to 8 digits (the kiosk's pad has only digits)");
            return ExitCodes.INVALID_INPUT;
        }
        spec.commandLine().getOut().println(MaintenancePin.hash(pin));
        return ExitCodes.OK;
    }
}
