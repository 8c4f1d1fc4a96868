package fr.relais.hub.van;

import fr.relais.hub.place.Commune;
import fr.relais.hub.place.OpeningHours;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The van's tour as it will happen: each stop's monthly occurrences between two days, with the
 * exceptions applied (a closed day and a cancelled visit stay listed, status cancelled; a moved
 * one shows its new time; added ones join). Local times are Europe/Paris, made instants by
 * java.time, so a visit at 9:00 stays at 9:00 across the clock changes.
 */
public final class VanTour {
    public static final ZoneId ZONE = OpeningHours.ZONE;
    /** A moved visit may land this far from its planned day: its month is looked at too. */
    private static final int MOVE_REACH_MONTHS = 1;

    private final List<VanStop> stops;
    private final List<VanException> exceptions;
    private final Map<String, Commune> communes;

    public VanTour(List<VanStop> stops, List<VanException> exceptions, Map<String, Commune> communes) {
        this.stops = List.copyOf(stops);
        this.exceptions = List.copyOf(exceptions);
        this.communes = Map.copyOf(communes);
    }

    public List<VanStop> stops() {
        return stops;
    }

    public List<VanException> exceptions() {
        return exceptions;
    }

    public Map<String, Commune> communes() {
        return communes;
    }

    /** The visits starting on a day from {@code from} to {@code to} (included), of one commune or all, in time order. */
    public List<Visit> visits(LocalDate from, LocalDate to, String commune) {
        List<Visit> visits = new ArrayList<>();
        YearMonth last = YearMonth.from(to).plusMonths(MOVE_REACH_MONTHS);
        for (VanStop stop : stops) {
            if (commune != null && !commune.equals(stop.communeId())) {
                continue;
            }
            for (YearMonth month = YearMonth.from(from).minusMonths(MOVE_REACH_MONTHS); !month.isAfter(last);
                 month = month.plusMonths(1)) {
                LocalDate day = stop.dayIn(month);
                if (stop.validOn(day)) {
                    visits.add(occurrence(stop, day));
                }
            }
        }
        for (VanException added : exceptions) {
            if (added.kind().equals("added") && (commune == null || commune.equals(added.communeId()))) {
                visits.add(new Visit(null, added.id(), added.communeId(), name(added.communeId()), added.place(),
                        at(added.date(), added.start()), at(added.date(), added.end()), "added", added.reason()));
            }
        }
        return visits.stream().filter(v -> {
            LocalDate day = v.start().toLocalDate();
            return !day.isBefore(from) && !day.isAfter(to);
        }).sorted(Comparator.comparing((Visit v) -> v.start().toInstant()).thenComparing(Visit::communeName,
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** A stop's visit of a day, as its exceptions leave it. */
    Visit occurrence(VanStop stop, LocalDate day) {
        Optional<VanException> closed = find("closed", null, day);
        Optional<VanException> cancelled = find("cancelled", stop.id(), day);
        Optional<VanException> moved = find("moved", stop.id(), day);
        String name = name(stop.communeId());
        if (closed.isPresent() || cancelled.isPresent()) {
            String reason = cancelled.or(() -> closed).map(VanException::reason).orElse(null);
            return new Visit(stop.id(), cancelled.or(() -> closed).get().id(), stop.communeId(), name, stop.place(),
                    at(day, stop.start()), at(day, stop.end()), "cancelled", reason);
        }
        if (moved.isPresent()) {
            VanException m = moved.get();
            LocalDate to = m.movedTo();
            return new Visit(stop.id(), m.id(), stop.communeId(), name, m.place() == null ? stop.place() : m.place(),
                    at(to, m.start() == null ? stop.start() : m.start()), at(to, m.end() == null ? stop.end() : m.end()),
                    "moved", m.reason());
        }
        return new Visit(stop.id(), null, stop.communeId(), name, stop.place(), at(day, stop.start()),
                at(day, stop.end()), "planned", stop.note());
    }

    /** The exception of that kind for that stop (any stop when null) and day. */
    Optional<VanException> find(String kind, String stopId, LocalDate day) {
        return exceptions.stream().filter(e -> e.kind().equals(kind) && e.date().equals(day)
                && (stopId == null || stopId.equals(e.stopId()))).findFirst();
    }

    String name(String communeId) {
        Commune commune = communes.get(communeId);
        return commune == null ? communeId : commune.name();
    }

    static ZonedDateTime at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, ZONE);
    }
}
