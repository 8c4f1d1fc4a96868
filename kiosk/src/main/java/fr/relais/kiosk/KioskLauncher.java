package fr.relais.kiosk;

import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.KioskConfigException;
import fr.relais.kiosk.config.KioskConfigLoader;
import fr.relais.kiosk.ui.Heartbeat;
import fr.relais.kiosk.ui.KioskWindow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point. Deliberately not a JavaFX {@code Application}: launched from the classpath, such
 * a main class fails with "JavaFX runtime components are missing".
 */
@Command(name = "relais-kiosk", mixinStandardHelpOptions = true,
        versionProvider = KioskLauncher.Version.class,
        description = "Touchscreen kiosk welcoming visitors of a Relais public place.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the kiosk ran, or the configuration is valid (--check-config)",
            "2:invalid command line",
            "3:invalid or unreadable configuration file",
            "4:the screen could not be opened"})
public final class KioskLauncher implements Callable<Integer> {

    public static final int EXIT_INVALID_CONFIG = 3;
    public static final int EXIT_NO_SCREEN = 4;
    private static final Logger LOG = LoggerFactory.getLogger(KioskLauncher.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kiosk configuration (YAML). Without it, a built-in demo configuration is used.")
    private Path configFile;

    @Option(names = "--check-config",
            description = "Check the configuration, print a summary and exit without opening the screen.")
    private boolean checkOnly;

    @Option(names = "--heartbeat-file", paramLabel = "FILE",
            description = "Touch FILE every few seconds from the screen's thread, so the agent's kiosk-watch"
                    + " notices a frozen screen (the unit uses /run/relais-kiosk/heartbeat).")
    private Path heartbeatFile;

    @Option(names = "--heartbeat-seconds", paramLabel = "N", defaultValue = "5",
            description = "Seconds between two touches of the heartbeat file (1 to 60, default ${DEFAULT-VALUE});"
                    + " keep it under the agent's heartbeatSeconds.")
    private long heartbeatSeconds;

    @Spec
    private CommandSpec spec;

    private boolean screenOpened;

    public static void main(String[] args) {
        KioskLauncher launcher = new KioskLauncher();
        int exitCode = new CommandLine(launcher).execute(args);
        // Once the screen is open, the JavaFX thread keeps the process alive until it closes.
        if (!launcher.screenOpened) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (heartbeatSeconds < 1 || heartbeatSeconds > 60) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--heartbeat-seconds must be between 1 and 60, got " + heartbeatSeconds);
        }
        KioskConfig config;
        try {
            KioskConfigLoader loader = new KioskConfigLoader();
            config = configFile == null ? loader.demo() : loader.load(configFile);
        } catch (KioskConfigException e) {
            err.println(e.getMessage());
            return EXIT_INVALID_CONFIG;
        }
        if (checkOnly) {
            out.printf("Configuration OK: %s (%s), idle timeout %d s, full screen %s%n",
                    config.site().name(), config.site().kind().wire(),
                    config.idleTimeout().toSeconds(), config.fullScreen() ? "yes" : "no");
            return 0;
        }
        try {
            Platform.startup(() -> {
                open(config);
                if (heartbeatFile != null) {
                    Heartbeat.start(heartbeatFile, Duration.ofSeconds(heartbeatSeconds));
                }
            });
        } catch (RuntimeException e) {
            err.println("Cannot open the kiosk screen: " + e.getMessage());
            return EXIT_NO_SCREEN;
        }
        screenOpened = true;
        LOG.info("Kiosk started for {} ({})", config.site().name(),
                configFile == null ? "built-in demo configuration" : configFile);
        return 0;
    }

    private static void open(KioskConfig config) {
        try {
            KioskWindow.open(new Stage(), config, Clock.systemUTC());
        } catch (RuntimeException e) {
            // A kiosk with no window must die loudly so its service manager restarts it.
            LOG.error("Cannot show the kiosk window", e);
            System.exit(EXIT_NO_SCREEN);
        }
    }

    /** The version from the jar's manifest, written by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KioskLauncher.class.getPackage().getImplementationVersion();
            return new String[] {"Relais kiosk " + (version == null ? "(development build)" : version)};
        }
    }
}
