package fr.relais.hub.cowork;

import fr.relais.protocol.access.AccessWindow;
import java.time.LocalDate;
import java.util.List;

/**
 * What a member's subscription opens: doors during weekly local windows, between two local days,
 * and for a pack the number of days it holds.
 */
record Plan(String id, String site, String name, String kind, List<String> doors, List<AccessWindow> windows,
            LocalDate validFrom, LocalDate validUntil, Integer packDays, long createdAt) {
    static final List<String> KINDS = List.of("day-pass", "pack", "monthly", "meeting-room", "custom");
}
