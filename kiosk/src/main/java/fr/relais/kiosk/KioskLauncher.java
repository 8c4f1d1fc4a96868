package fr.relais.kiosk;

import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.KioskConfigException;
import fr.relais.kiosk.config.KioskConfigLoader;
import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.shots.Headless;
import fr.relais.kiosk.shots.KioskBench;
import fr.relais.kiosk.shots.Screenshots;
import fr.relais.kiosk.ui.Heartbeat;
import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.ScreenId;
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
            "4:the screen could not be opened",
            "10:a technician asked for a restart (maintenance screen); the unit starts the kiosk again"})
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

    @Option(names = "--agent-link", paramLabel = "FILE",
            description = "The link file the local agent writes at start ({\"url\":…,\"token\":…});"
                    + " overrides agent.linkFile of the configuration. Without either, no live information.")
    private Path agentLink;

    @Option(names = "--calling-display",
            description = "Show the number being called (for the place's screen) instead of the home screen.")
    private boolean callingDisplay;

    @Option(names = "--screenshots", paramLabel = "DIR",
            description = "Draw every main screen of each kind of place from built-in sample content to PNG"
                    + " files in DIR (headless, Monocle), then exit.")
    private Path screenshotsDir;

    @Option(names = "--bench",
            description = "Measure start time, heap and van screen touches headless; print one line and exit.")
    private boolean bench;

    @Spec
    private CommandSpec spec;

    private boolean screenOpened;

    public static void main(String[] args) {
        KioskLauncher launcher = new KioskLauncher();
        if (java.util.Arrays.asList(args).contains("--bench") || java.util.Arrays.stream(args)
                .anyMatch(a -> a.equals("--screenshots") || a.startsWith("--screenshots="))) {
            // Before anything touches JavaFX: no display is needed for these.
            Headless.select();
        }
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
        if (screenshotsDir != null) {
            return screenshots(out, err);
        }
        if (bench) {
            try {
                out.println(KioskBench.run());
                return 0;
            } catch (Exception e) {
                err.println("Bench failed: " + e);
                return EXIT_NO_SCREEN;
            }
        }
        KioskConfig config;
        try {
            KioskConfigLoader loader = new KioskConfigLoader();
            config = configFile == null ? loader.demo() : loader.load(configFile);
        } catch (KioskConfigException e) {
            err.println(e.getMessage());
            return EXIT_INVALID_CONFIG;
        }
        if (agentLink != null) {
            config = config.withAgentLinkFile(agentLink);
        }
        if (checkOnly) {
            out.printf("Configuration OK: %s (%s), idle timeout %d s, full screen %s%s%n",
                    config.site().name(), config.site().kind().wire(),
                    config.idleTimeout().toSeconds(), config.fullScreen() ? "yes" : "no",
                    config.agentLinkFile() == null ? "" : ", agent link " + config.agentLinkFile());
            return 0;
        }
        KioskConfig chosen = config;
        try {
            Platform.startup(() -> {
                open(chosen, callingDisplay);
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

    private int screenshots(PrintWriter out, PrintWriter err) {
        // Only to know whether the caller set a platform: the headless one is chosen otherwise.
        Headless.select();
        java.util.concurrent.CompletableFuture<java.util.List<Path>> done = new java.util.concurrent.CompletableFuture<>();
        try {
            Platform.startup(() -> {
                try {
                    done.complete(Screenshots.render(screenshotsDir, java.time.Instant.now()));
                } catch (Exception | Error e) {
                    done.completeExceptionally(e);
                }
            });
            java.util.List<Path> files = done.get(10, java.util.concurrent.TimeUnit.MINUTES);
            out.printf("Screenshots: %d PNG files in %s%n", files.size(), screenshotsDir);
            return 0;
        } catch (Exception e) {
            err.println("Cannot draw the screenshots: " + e);
            return EXIT_NO_SCREEN;
        }
    }

    private static void open(KioskConfig config, boolean callingDisplay) {
        try {
            KioskAgent agent = config.agentLinkFile() == null ? KioskAgent.none()
                    : KioskAgent.connect(config.agentLinkFile(), Platform::runLater, Clock.systemUTC());
            KioskUi ui = KioskWindow.open(new Stage(), config, Clock.systemUTC(), agent);
            if (callingDisplay) {
                ui.show(ScreenId.CALLING);
            }
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
