package fr.relais.agent.device.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many restarts the watch may still make: a kiosk that cannot start must not be restarted at
 * every poll forever (each restart takes the screen from whoever stands in front of it). At most
 * {@code perHour} in any hour; one more is not made, and the watch gives up until the kiosk
 * comes back by itself (systemd, a technician, a reboot).
 */
final class RestartBudget {
    static final Duration WINDOW = Duration.ofHours(1);

    private final int perHour;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private boolean gaveUp;

    RestartBudget(int perHour) {
        this.perHour = perHour;
    }

    /** Takes one restart from the budget if there is one left; otherwise gives up. */
    synchronized boolean take(Instant now) {
        forgetBefore(now.minus(WINDOW));
        if (gaveUp || restarts.size() >= perHour) {
            gaveUp = true;
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    /** Restarts made in the hour before {@code now}. */
    synchronized int lastHour(Instant now) {
        forgetBefore(now.minus(WINDOW));
        return restarts.size();
    }

    synchronized boolean gaveUp() {
        return gaveUp;
    }

    /** The kiosk is well again: a later hang gets the whole budget. */
    synchronized void recovered() {
        gaveUp = false;
        restarts.clear();
    }

    private void forgetBefore(Instant start) {
        while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(start)) {
            restarts.removeFirst();
        }
    }
}
