package fr.relais.agent.access;

import fr.relais.protocol.access.AccessListException.Reason;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** How many lists the node refused, per reason, and the last reason: for the node's telemetry. */
final class AccessListRefusals {
    private final Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    private Reason last;

    synchronized void count(Reason reason) {
        counts.merge(reason, 1L, Long::sum);
        last = reason;
    }

    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long of(Reason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** The last reason as it reads on the wire ({@code bad-signature}), or "" if none. */
    synchronized String lastWire() {
        return last == null ? "" : wire(last);
    }

    static String wire(Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
