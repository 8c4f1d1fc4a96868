package fr.relais.provisioning.command;

import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.provisioning.deploy.DeploymentException;
import fr.relais.provisioning.deploy.DeploymentLayout;
import fr.relais.provisioning.deploy.SecretStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes a technician's badge hash for a kiosk's {@code technicianBadges} in the inventory. The
 * hash is keyed with the site's badge key, which only the deployment's secret store holds, so
 * whoever writes the inventory could not make one; the agent's own {@link BadgeHasher} computes
 * it, so it is the hash the site's readers send. The number is read from the console without
 * echo, or from the standard input, never from the command line that {@code ps} and the shell's
 * history show: with the site's hash it identifies the card.
 */
@Command(name = "badge-hash", mixinStandardHelpOptions = true,
        description = {"Reads a badge number (as the place's reader reads it: for a 125 kHz card, the number printed"
                + " on it) on the standard input and prints its hash with the site's badge key, for a kiosk's"
                + " technicianBadges in the inventory. A card hashes differently at each site: make one per site.",
                "Example: ./relais provision badge-hash --site rozoy --out deploiement   (then type the number and"
                        + " Enter)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the hash is printed", "2:no such site or deployment, or not a badge number"})
public final class BadgeHashCommand implements Callable<Integer> {
    /**
     * What the agent's reader decoders accept (FrameDecoder's MIN_ and MAX_NUMBER_LENGTH), counted
     * in letters and digits: a shorter or longer number never comes from a reader, so its hash
     * would open nothing.
     */
    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 32;
    /** Letters and digits, and the separators a person may copy from a card or a label (dropped as the agent does). */
    private static final String TYPED = "[A-Za-z0-9 :.-]+";

    @Spec
    private CommandSpec spec;

    @Option(names = "--site", required = true, paramLabel = "SITE",
            description = "The site whose readers will read the badge (its id in the inventory).")
    private String site;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The deployment folder whose secrets/ holds the sites' badge keys (as render's --out).")
    private Path out;

    private final InputStream input;

    public BadgeHashCommand() {
        this(System.in);
    }

    BadgeHashCommand(InputStream input) {
        this.input = input;
    }

    @Override
    public Integer call() throws IOException {
        // No deployment lock: the store is only read, render replaces it whole, and a site's key never changes.
        String key;
        try {
            SecretStore store = SecretStore.existing(new DeploymentLayout(out));
            Optional<String> stored = store.storedBadgeKey(site);
            if (stored.isEmpty()) {
                spec.commandLine().getErr().println("no site '" + site + "' in the deployment " + out
                        + " (sites with a badge key: " + String.join(", ", store.badgeKeySites())
                        + "); a site gets its key when render runs with it in the inventory");
                return ExitCodes.INVALID_INPUT;
            }
            key = stored.get();
        } catch (DeploymentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        String number = read();
        String problem = problem(number);
        if (problem != null) {
            // The refusal never repeats what was typed: it may be a real card's number.
            spec.commandLine().getErr().println("not a badge number: " + problem);
            return ExitCodes.INVALID_INPUT;
        }
        spec.commandLine().getOut().println(new BadgeHasher(key).hash(number));
        return ExitCodes.OK;
    }

    private String read() throws IOException {
        java.io.Console console = input == System.in ? System.console() : null;
        if (console != null) {
            char[] typed = console.readPassword("Badge number (as the reader reads it) for site %s: ", site);
            return typed == null ? "" : new String(typed).strip();
        }
        String line = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line.strip();
    }

    /** Why the typed text is no badge number a reader gives, or null. */
    static String problem(String number) {
        if (number.isEmpty()) {
            return "nothing was typed";
        }
        if (!number.matches(TYPED)) {
            return "only letters and digits (separators space, ':', '.', '-' allowed), as a reader gives it";
        }
        long kept = number.chars().filter(Character::isLetterOrDigit).count();
        if (kept < MIN_LENGTH || kept > MAX_LENGTH) {
            return MIN_LENGTH + " to " + MAX_LENGTH + " letters and digits, as a reader gives it";
        }
        return null;
    }
}
