package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The udev rules of edge-agent/packaging: udev's syntax, and the groups and names the agent relies on. */
class UdevRulesTest {
    private static final Path RULES = Path.of("packaging/relais-udev.rules");
    /** The groups install.sh creates when missing and puts the agent's user in. */
    private static final Set<String> GROUPS = Set.of("gpio", "input", "dialout");

    @Test
    void everyRuleIsOneUdevReads() throws IOException {
        assertThat(UdevRuleSyntax.problems(Files.readString(RULES, StandardCharsets.UTF_8), GROUPS)).isEmpty();
    }

    @Test
    void theCheckRefusesWhatUdevWouldSkip() {
        String broken = String.join("\n",
                "KERNEL=\"gpiochip*\", GROUP=\"gpio\"",
                "SUBSYSTEM==\"gpio\", GROUP==\"gpio\"",
                "SUBSYSTEM==\"tty\", MODE=\"rw-rw----\"",
                "SUBSYSTEM==\"tty\", GROUP=\"wheel\"",
                "SUBSYSTEM==\"tty\", IMPORT{builtin}=\"usb-id\"",
                "SUBSYSTEM==\"tty\", SYMLINK+=\"relais/$envID_SERIAL\"",
                "SUBSYSTEM==\"tty\", GROUP=dialout",
                "SUBSYSTEM==\"tty\"",
                "ACTION==\"remove\", GOTO=\"nowhere\"",
                "SUBSYTEM==\"tty\", MODE=\"0660\"");

        List<String> problems = UdevRuleSyntax.problems(broken, GROUPS);

        assertThat(problems).containsExactly(
                "line 1: KERNEL can only be compared, not assigned (=)",
                "line 2: GROUP can only be assigned, not compared (==)",
                "line 2: only matches: a rule without an assignment does nothing",
                "line 3: MODE \"rw-rw----\" is not an octal mode such as 0660",
                "line 4: GROUP \"wheel\" is not one of the groups the installer makes sure of: [dialout, gpio, input]",
                "line 5: no udev builtin is named 'usb-id'",
                "line 6: unknown substitution $envID_SERIAL",
                "line 7: cannot read a KEY==\"value\" or KEY=\"value\" at 'GROUP=dialout'",
                "line 8: only matches: a rule without an assignment does nothing",
                "line 10: unknown key SUBSYTEM",
                "line 9: GOTO \"nowhere\" has no LABEL");
    }

    @Test
    void gpioSerialAndBadgeReadersGoToTheAgentsGroupsWithNamesUnderDevRelais() throws IOException {
        String rules = Files.readString(RULES, StandardCharsets.UTF_8);

        assertThat(rules).contains("SUBSYSTEM==\"gpio\", KERNEL==\"gpiochip[0-9]*\", GROUP=\"gpio\", MODE=\"0660\"")
                .contains("GROUP=\"dialout\"").contains("GROUP=\"input\"")
                .contains("SYMLINK+=\"relais/serial-").contains("SYMLINK+=\"relais/badge-reader-");
        String installer = Files.readString(Path.of("packaging/install.sh"), StandardCharsets.UTF_8);
        assertThat(installer).contains("/etc/udev/rules.d/70-relais.rules", "udevadm control --reload",
                "readonly AGENT_GROUPS=(gpio input dialout)");
    }

    /**
     * A keyboard-wedge reader the agent has not grabbed yet (boot, restart, a new configuration)
     * must not type badge numbers into the kiosk; ModemManager must not probe serial readers.
     */
    @Test
    void badgeReadersAreHiddenFromLibinputAndSerialPortsFromModemManager() throws IOException {
        List<String> rules = Files.readAllLines(RULES, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(rules).filteredOn(line -> line.startsWith("ENV{RELAIS_BADGE_READER}==\"1\"")
                        && line.contains("GROUP=\"input\""))
                .singleElement().asString().contains("ENV{LIBINPUT_IGNORE_DEVICE}=\"1\"");
        assertThat(rules).filteredOn(line -> line.startsWith("SUBSYSTEM==\"tty\"") && line.contains("GROUP=\"dialout\""))
                .singleElement().asString().contains("ENV{ID_MM_DEVICE_IGNORE}=\"1\"");
    }
}
