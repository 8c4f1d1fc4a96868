package fr.relais.agent.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What systemd told the agent through its environment: where to send notifications
 * ({@code NOTIFY_SOCKET}, set for {@code Type=notify} units) and how often it expects a sign of
 * life ({@code WATCHDOG_USEC}, set when the unit has {@code WatchdogSec=}).
 *
 * @param socket          empty when the agent does not run under systemd (demo, tests, benchmark)
 * @param watchdogTimeout empty when systemd does not watch this process
 */
record NotifyEnvironment(Optional<String> socket, Optional<Duration> watchdogTimeout) {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyEnvironment.class);
    static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    static final String WATCHDOG_PID = "WATCHDOG_PID";

    /** @param pid this process: systemd names in {@code WATCHDOG_PID} the one process it watches */
    static NotifyEnvironment read(Map<String, String> environment, long pid) {
        Optional<String> socket = Optional.ofNullable(environment.get(NOTIFY_SOCKET)).filter(s -> !s.isBlank());
        if (socket.isEmpty()) {
            return new NotifyEnvironment(Optional.empty(), Optional.empty());
        }
        return new NotifyEnvironment(socket, watchdog(environment, pid));
    }

    private static Optional<Duration> watchdog(Map<String, String> environment, long pid) {
        String usec = environment.get(WATCHDOG_USEC);
        if (usec == null) {
            return Optional.empty();
        }
        String watchedPid = environment.get(WATCHDOG_PID);
        if (watchedPid != null && !watchedPid.equals(Long.toString(pid))) {
            // Inherited from a parent that systemd watches (a wrapper script): pinging for it would
            // keep a dead parent looking alive, so follow sd_watchdog_enabled() and stay quiet.
            LOG.info("systemd watches process {}, not this one ({}): no watchdog pings", watchedPid, pid);
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            if (micros <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1_000L)));
        } catch (NumberFormatException | ArithmeticException e) {
            LOG.warn("ignoring {}='{}' ({}): no watchdog pings, systemd will restart the agent when its"
                    + " watchdog expires", WATCHDOG_USEC, usec, e.getMessage());
            return Optional.empty();
        }
    }

    boolean underSystemd() {
        return socket.isPresent();
    }

    /** Half the timeout, as sd_watchdog_enabled(3) advises: one late or lost ping is not fatal. */
    Optional<Duration> pingInterval() {
        return watchdogTimeout.map(timeout -> {
            Duration half = timeout.dividedBy(2);
            return half.isZero() ? Duration.ofNanos(1) : half;
        });
    }
}
