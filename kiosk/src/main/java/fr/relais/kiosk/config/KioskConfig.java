package fr.relais.kiosk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A kiosk's validated configuration. Instances come from {@link KioskConfigLoader}, which
 * checks the file; the constructor only guards against programming errors.
 */
public record KioskConfig(Site site, Duration idleTimeout, boolean fullScreen) {

    /** Long enough to read a screen slowly, short enough that the next visitor sees nothing. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
    /** Beyond an hour the wipe no longer protects the next visitor. */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);
    public static final boolean DEFAULT_FULL_SCREEN = true;

    public KioskConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0 || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("idleTimeout out of range: " + idleTimeout);
        }
    }
}
