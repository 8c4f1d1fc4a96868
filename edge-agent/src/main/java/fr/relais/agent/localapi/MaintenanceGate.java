package fr.relais.agent.localapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The kiosk's only way out: a technician's badge read at the kiosk and the PIN. Three failures in a
 * row lock it for a minute, so a PIN cannot be guessed at the screen; a success resets the count.
 */
public final class MaintenanceGate {
    public static final int MAX_FAILURES = 3;
    public static final Duration LOCK = Duration.ofSeconds(60);

    /** What the kiosk is told. */
    public enum Outcome { OPENED, REFUSED, LOCKED }

    private final Optional<MaintenancePin> pin;
    private final Predicate<String> technician;
    private final Clock clock;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    /** @param technician whether a badge hash is a technician's (access list staff/maintenance, or configured) */
    public MaintenanceGate(Optional<MaintenancePin> pin, Predicate<String> technician, Clock clock) {
        this.pin = pin;
        this.technician = technician;
        this.clock = clock;
    }

    /** @param badgeHash the badge of the read the kiosk names, empty if that read is unknown or too old */
    public synchronized Outcome attempt(Optional<String> badgeHash, String typedPin) {
        Instant now = clock.instant();
        if (now.isBefore(lockedUntil)) {
            return Outcome.LOCKED;
        }
        // The PIN is checked even for a wrong badge: the answer's time says nothing of which one failed.
        boolean pinOk = pin.isPresent() && pin.get().matches(typedPin);
        boolean badgeOk = badgeHash.isPresent() && technician.test(badgeHash.get());
        if (pinOk && badgeOk) {
            failures = 0;
            return Outcome.OPENED;
        }
        failures++;
        if (failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = now.plus(LOCK);
            return Outcome.LOCKED;
        }
        return Outcome.REFUSED;
    }
}
