package fr.relais.kiosk.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A kiosk's validated configuration. Instances come from {@link KioskConfigLoader}, which
 * checks the file; the constructor only guards against programming errors.
 */
public record KioskConfig(Site site, Duration idleTimeout, boolean fullScreen, Path agentLinkFile) {

    /** Long enough to read a screen slowly, short enough that the next visitor sees nothing. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /**
     * "Êtes-vous toujours là ?" must leave a visitor at least 20 s to answer, and it comes at the earliest
     * halfway through the timeout (see IdleWatch.warningFor): a shorter timeout would shorten the prompt.
     */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(40);
    /** Beyond an hour the wipe no longer protects the next visitor. */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);
    public static final boolean DEFAULT_FULL_SCREEN = true;

    /** A kiosk with no agent: brochure mode, the screens say the information is not available here. */
    public KioskConfig(Site site, Duration idleTimeout, boolean fullScreen) {
        this(site, idleTimeout, fullScreen, null);
    }

    /** The same kiosk talking to the agent announced by {@code linkFile} (null: no agent). */
    public KioskConfig withAgentLinkFile(Path linkFile) {
        return new KioskConfig(site, idleTimeout, fullScreen, linkFile);
    }

    public KioskConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0 || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("idleTimeout out of range: " + idleTimeout);
        }
    }
}
