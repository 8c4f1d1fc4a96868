package fr.relais.hub.connectivity;

import fr.relais.hub.van.VanTour;
import fr.relais.hub.van.Visit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where the van was: it has no GPS, so its commune at an instant is the one of the tour's visit
 * then, as the van package computes the visits (exceptions applied: a cancelled visit is no
 * visit, a moved one counts at its new time, an added one counts). Between visits it is nowhere:
 * its readings there are left out of the broadband table (and counted as such). A late van is
 * misattributed for the overlap; nothing here can tell.
 */
final class VanWhereabouts {
    private final List<Visit> visits;

    private VanWhereabouts(List<Visit> visits) {
        this.visits = visits;
    }

    /** The visits starting on a day from {@code from} to {@code to} (Europe/Paris), cancelled ones left out. */
    static VanWhereabouts of(VanTour tour, LocalDate from, LocalDate to) {
        return new VanWhereabouts(tour.visits(from, to, null).stream()
                .filter(visit -> !visit.status().equals("cancelled")).toList());
    }

    /** The commune of the visit under way at {@code at} (start included, end excluded), if any. */
    Optional<String> communeAt(Instant at) {
        return visits.stream().filter(visit -> !at.isBefore(visit.start().toInstant())
                && at.isBefore(visit.end().toInstant())).map(Visit::communeId).findFirst();
    }

    static LocalDate day(Instant at) {
        return at.atZone(VanTour.ZONE).toLocalDate();
    }
}
