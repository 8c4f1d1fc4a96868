package fr.relais.agent.device.kiosk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent watches its kiosk: the {@code settings:} of a {@code kiosk-watch} device.
 *
 * @param unit               the kiosk's systemd unit, named in the default command lines
 * @param heartbeatFile      the file the kiosk touches while its screen thread is alive; without
 *                           one, only the unit's state is watched
 * @param heartbeatPeriod    how often the kiosk touches it at the latest: one period without a
 *                           touch is one missed heartbeat
 * @param missedBeforeRestart missed heartbeats, while the unit says active, before a restart
 * @param maxRestartsPerHour restarts the watch may make in any hour; one more is not made, the
 *                           kiosk is reported as not coming back
 * @param restart            the command line that restarts the kiosk, run without a shell
 * @param restartTimeout     how long the restart command may run
 * @param statusCommand      the command line printing the unit's properties as
 *                           {@code systemctl show} does
 * @param commandTimeout     how long the status and screen commands may run
 * @param screen             switching the screen on and off, if wanted
 */
public record KioskWatchSettings(String unit, Optional<Path> heartbeatFile, Duration heartbeatPeriod,
                                 int missedBeforeRestart, int maxRestartsPerHour, List<String> restart,
                                 Duration restartTimeout, List<String> statusCommand, Duration commandTimeout,
                                 Optional<ScreenSettings> screen) {
    public static final String DEFAULT_UNIT = "relais-kiosk.service";
    public static final Duration DEFAULT_HEARTBEAT_PERIOD = Duration.ofSeconds(10);
    public static final int DEFAULT_MISSED_BEFORE_RESTART = 3;
    public static final int DEFAULT_MAX_RESTARTS_PER_HOUR = 3;
    /** Stopping a JavaFX application and starting it again under cage takes seconds, not minutes. */
    public static final Duration DEFAULT_RESTART_TIMEOUT = Duration.ofSeconds(60);
    /** Short enough that a status and a read fit in the device's default 10 s read timeout. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** The unit properties the watch understands; others printed by a custom command are ignored. */
    public static final String PROPERTIES =
            "ActiveState,SubState,LoadState,NRestarts,ExecMainStatus,ExecMainCode,ExecMainPID";

    public KioskWatchSettings {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(heartbeatFile, "heartbeatFile");
        Objects.requireNonNull(heartbeatPeriod, "heartbeatPeriod");
        restart = List.copyOf(restart);
        Objects.requireNonNull(restartTimeout, "restartTimeout");
        statusCommand = List.copyOf(statusCommand);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(screen, "screen");
    }

    public static List<String> defaultRestart(String unit) {
        return List.of("systemctl", "restart", unit);
    }

    public static List<String> defaultStatusCommand(String unit) {
        return List.of("systemctl", "show", "--property=" + PROPERTIES, unit);
    }

    /** How long without a touch before the watch restarts the kiosk. */
    public Duration silenceBeforeRestart() {
        return heartbeatPeriod.multipliedBy(missedBeforeRestart);
    }
}
