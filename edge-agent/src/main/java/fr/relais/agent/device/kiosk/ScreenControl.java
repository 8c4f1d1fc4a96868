package fr.relais.agent.device.kiosk;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's screen, switched on for the opening hours and off outside them: a screen lit all
 * night in an empty village hall wears out and wastes power. The schedule acts only when what it
 * wants changes (and once when the watch starts), so a technician's {@code screen} command holds
 * until the next opening or closing. A switch that failed is tried again every minute, and
 * reported once.
 *
 * <p>{@link #due} runs on the device's thread and only decides; the commands run on the watch's
 * worker ({@link #apply}, {@link #manual}), one at a time.
 */
final class ScreenControl {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenControl.class);
    static final Duration RETRY = Duration.ofMinutes(1);

    private final String deviceId;
    private final ScreenSettings settings;
    private final Duration timeout;
    private Boolean scheduled;
    private Boolean wanted;
    private boolean manual;
    private Boolean state;
    private String problem = "";
    private Instant retryAt = Instant.MIN;
    private boolean pending;
    private boolean failureReported;

    /** One switch to make, and why: start, schedule, retry or manual. */
    record Switch(boolean on, String reason) {
    }

    ScreenControl(String deviceId, ScreenSettings settings, Duration timeout) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.timeout = timeout;
    }

    /** The switch the opening hours call for now, if any; the caller then {@link #apply}s it. */
    synchronized Optional<Switch> due(Instant now) {
        if (settings.hours().isEmpty() || pending) {
            return Optional.empty();
        }
        boolean open = settings.hours().get().isOpen(now, settings.margin());
        if (scheduled == null || open != scheduled) {
            String reason = scheduled == null ? "start" : "schedule";
            scheduled = open;
            wanted = open;
            manual = false;
            failureReported = false;
            pending = true;
            return Optional.of(new Switch(open, reason));
        }
        if (!problem.isEmpty() && !manual && wanted != null && !now.isBefore(retryAt)) {
            pending = true;
            return Optional.of(new Switch(wanted, "retry"));
        }
        return Optional.empty();
    }

    /** Runs a scheduled switch; the event to report, if any (a failure is reported once). */
    Optional<DeviceEvent> apply(Switch change, Instant now) throws InterruptedException {
        try {
            ProgramResult result = Program.run(settings.command(change.on()), timeout);
            return record(change, result, now);
        } finally {
            synchronized (this) {
                pending = false;
            }
        }
    }

    /** Runs the {@code screen} command: the state holds until the schedule next changes its mind. */
    ProgramResult manual(boolean on, Instant now, java.util.function.Consumer<DeviceEvent> events)
            throws InterruptedException {
        synchronized (this) {
            wanted = on;
            manual = true;
            failureReported = false;
        }
        ProgramResult result = Program.run(settings.command(on), timeout);
        record(new Switch(on, "manual"), result, now).ifPresent(events);
        return result;
    }

    private synchronized Optional<DeviceEvent> record(Switch change, ProgramResult result, Instant now) {
        String word = change.on() ? "on" : "off";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", word);
        data.put("reason", change.reason());
        data.putAll(result.data());
        if (result.succeeded()) {
            boolean changed = !Boolean.valueOf(change.on()).equals(state) || !problem.isEmpty()
                    || change.reason().equals("manual");
            state = change.on();
            problem = "";
            LOG.info("{}: screen switched {} ({})", deviceId, word, change.reason());
            return changed ? Optional.of(new DeviceEvent("screen-" + word, Severity.INFO, switched(change), data))
                    : Optional.empty();
        }
        problem = ProgramResult.capped("switching the screen " + word + " failed: " + result.failure());
        retryAt = now.plus(RETRY);
        LOG.warn("{}: {}", deviceId, problem);
        if (failureReported && !change.reason().equals("manual")) {
            return Optional.empty();
        }
        failureReported = true;
        return Optional.of(new DeviceEvent("screen-failed", Severity.WARNING, "Impossible "
                + (change.on() ? "d'allumer" : "d'éteindre") + " l'écran du kiosque : " + result.failureFr() + ".", data));
    }

    private static String switched(Switch change) {
        String done = change.on() ? "Écran du kiosque allumé" : "Écran du kiosque éteint";
        return switch (change.reason()) {
            case "manual" -> done + " à la demande d'un technicien, jusqu'au prochain changement d'horaire.";
            case "start" -> done + " au démarrage de la surveillance, selon les horaires d'ouverture.";
            default -> done + (change.on() ? " pour l'ouverture." : " après la fermeture.");
        };
    }

    /** The screen's metrics: the state last set, what is wanted, and the last failure. */
    synchronized void addTo(Map<String, Object> metrics) {
        metrics.put("screen", state == null ? "unknown" : state ? "on" : "off");
        if (wanted != null) {
            metrics.put("screenWanted", wanted ? "on" : "off");
        }
        metrics.put("screenManual", manual);
        if (!problem.isEmpty()) {
            metrics.put("screenError", problem);
        }
    }

    synchronized boolean failing() {
        return !problem.isEmpty();
    }
}
