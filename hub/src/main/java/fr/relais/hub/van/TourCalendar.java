package fr.relais.hub.van;

import fr.relais.hub.place.Commune;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The van's tour as an iCalendar feed (RFC 5545, ical4j): one VEVENT per stop with its monthly
 * RRULE in Europe/Paris (so a phone keeps 9:00 across the clock changes), EXDATE for its
 * cancelled visits and closed days, a RECURRENCE-ID override per moved visit, and one VEVENT per
 * added visit. UIDs derive from the stop's or the exception's id: a calendar that subscribed
 * updates its events rather than duplicating them.
 */
public final class TourCalendar {
    static final String UID_DOMAIN = "@relais.portes-thierache";
    private static final String TZ = VanTour.ZONE.getId();
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** Exceptions further back than this are history: the feed is for what is coming. */
    private static final int PAST_MONTHS = 2;
    /** A moved visit's planned day is found this far ahead, like the JSON's visits. */
    private static final int AHEAD_MONTHS = 24;
    private static final VTimeZone PARIS = TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(TZ)
            .getVTimeZone();

    private TourCalendar() {
    }

    /**
     * @param commune   one commune's feed, or null for the whole tour
     * @param generated DTSTAMP of every event: when the feed was made
     */
    public static String feed(VanTour tour, Commune commune, boolean example, Instant generated) {
        String name = "Tournée du bus France Services" + (commune == null ? "" : " – " + commune.name())
                + (example ? " (exemple)" : "");
        String description = example
                ? "Exemple de tournée (données fictives) : les horaires réels sont donnés par la communauté de communes."
                : "Passages du bus France Services de la communauté de communes des Portes de la Thiérache.";
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Relais//Tournee du bus France Services//FR"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-CALDESC", description));
        calendar.add(new XProperty("X-WR-TIMEZONE", TZ));
        calendar.add(PARIS);
        DtStamp stamp = new DtStamp(generated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        LocalDate since = generated.atZone(VanTour.ZONE).toLocalDate().minusMonths(PAST_MONTHS);
        for (VanStop stop : tour.stops()) {
            if (commune == null || commune.id().equals(stop.communeId())) {
                stopEvents(tour, stop, since, stamp, example).forEach(calendar::add);
            }
        }
        for (VanException added : tour.exceptions()) {
            if (added.kind().equals("added") && (commune == null || commune.id().equals(added.communeId()))
                    && !added.date().isBefore(since)) {
                VEvent event = new VEvent(VanTour.at(added.date(), added.start()), VanTour.at(added.date(), added.end()),
                        summary(tour.name(added.communeId())));
                describe(event, "added-" + added.id(), stamp, added.place(), tour.name(added.communeId()),
                        added.reason(), example);
                calendar.add(event);
            }
        }
        return calendar.toString();
    }

    private static List<VEvent> stopEvents(VanTour tour, VanStop stop, LocalDate since, DtStamp stamp,
                                           boolean example) {
        List<VEvent> events = new ArrayList<>();
        LocalDate first = stop.dayIn(YearMonth.from(stop.validFrom()));
        if (first.isBefore(stop.validFrom())) {
            first = stop.dayIn(YearMonth.from(stop.validFrom()).plusMonths(1));
        }
        String communeName = tour.name(stop.communeId());
        VEvent master = new VEvent(VanTour.at(first, stop.start()), VanTour.at(first, stop.end()), summary(communeName));
        describe(master, "stop-" + stop.id(), stamp, stop.place(), communeName, stop.note(), example);
        String rule = "FREQ=MONTHLY;BYDAY=" + stop.byDay();
        if (stop.validUntil() != null) {
            // With a TZID start, UNTIL is UTC (RFC 5545 3.3.10): the end of the last valid day.
            ZonedDateTime until = stop.validUntil().plusDays(1).atStartOfDay(VanTour.ZONE).minusSeconds(1);
            rule += ";UNTIL=" + UTC_STAMP.format(until.withZoneSameInstant(ZoneOffset.UTC));
        }
        master.add(new RRule<>(rule));
        List<ZonedDateTime> excluded = new ArrayList<>();
        LocalDate last = since.plusMonths(PAST_MONTHS + AHEAD_MONTHS);
        for (YearMonth month = YearMonth.from(first); !month.atDay(1).isAfter(last); month = month.plusMonths(1)) {
            LocalDate day = stop.dayIn(month);
            if (!stop.validOn(day) || day.isBefore(since)) {
                continue;
            }
            Visit visit = tour.occurrence(stop, day);
            ZonedDateTime planned = VanTour.at(day, stop.start());
            if (visit.status().equals("cancelled")) {
                excluded.add(planned);
            } else if (visit.status().equals("moved")) {
                VEvent moved = new VEvent(visit.start(), visit.end(), summary(communeName));
                describe(moved, "stop-" + stop.id(), stamp, visit.place(), communeName,
                        visit.note() == null ? "Passage déplacé" : "Passage déplacé : " + visit.note(), example);
                moved.add(new RecurrenceId<>(zoned(), planned));
                events.add(moved);
            }
        }
        if (!excluded.isEmpty()) {
            master.add(new ExDate<>(zoned(), new DateList<>(excluded)));
        }
        events.add(0, master);
        return events;
    }

    private static void describe(VEvent event, String uid, DtStamp stamp, String place, String communeName,
                                 String note, boolean example) {
        event.add(new Uid(uid + UID_DOMAIN));
        event.replace(stamp);
        event.add(new Location(place + ", " + communeName));
        String text = note == null ? "" : note;
        if (example) {
            text = (text.isEmpty() ? "" : text + "\n") + "Exemple : données fictives.";
        }
        if (!text.isEmpty()) {
            event.add(new Description(text));
        }
    }

    private static String summary(String communeName) {
        return "Bus France Services – " + communeName;
    }

    private static ParameterList zoned() {
        return new ParameterList(List.of(new TzId(TZ)));
    }
}
