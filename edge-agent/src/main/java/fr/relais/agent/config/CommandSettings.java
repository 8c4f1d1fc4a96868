package fr.relais.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The system commands behind {@code restart-kiosk} and {@code reboot}. Without one, the agent
 * refuses the remote command: nothing runs on a Pi that its configuration did not allow.
 *
 * @param restartKiosk a command line such as {@code [systemctl, restart, relais-kiosk]}
 * @param reboot       a command line such as {@code [systemctl, reboot]}
 * @param timeout      how long a system command may run before it counts as failed
 * @param configProbation how long a configuration received by {@code set-config} has to connect
 *                        to the broker before the agent rolls back to the previous one
 */
public record CommandSettings(Optional<List<String>> restartKiosk, Optional<List<String>> reboot, Duration timeout,
                              Duration configProbation) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How long a new configuration has to reach the broker before it is rolled back. */
    public static final Duration DEFAULT_CONFIG_PROBATION = Duration.ofSeconds(60);

    public CommandSettings {
        restartKiosk = restartKiosk.map(List::copyOf);
        reboot = reboot.map(List::copyOf);
    }

    public static CommandSettings none() {
        return new CommandSettings(Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_CONFIG_PROBATION);
    }
}
