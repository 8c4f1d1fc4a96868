package fr.relais.hub.van;

import fr.relais.hub.place.Body;
import fr.relais.hub.web.Refusal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/** Reads a stop or an exception from a request body, strictly: a 400 names the field. */
final class TourBodies {
    static final Set<String> STOP_FIELDS = Set.of("commune", "place", "weekday", "ordinal", "start", "end",
            "validFrom", "validUntil", "note");
    static final Set<String> EXCEPTION_FIELDS = Set.of("kind", "date", "stop", "commune", "toDate", "start", "end",
            "place", "reason");

    /** A visit moves a few days at most (VanTour looks a month around a range for them). */
    static final int MAX_MOVE_DAYS = 28;

    private TourBodies() {
    }

    /** A new stop, or {@code before} changed by the fields given. */
    static VanStop stop(Body body, String id, VanStop before) throws Refusal {
        boolean all = before == null;
        String commune = body.has("commune") || all ? body.id("commune", true) : before.communeId();
        String place = body.has("place") || all ? body.text("place", true, Body.MAX_TEXT) : before.place();
        var weekday = body.has("weekday") || all ? body.day("weekday", true) : before.weekday();
        Integer ordinal = body.has("ordinal") || all ? body.whole("ordinal", true, -1, 4) : before.ordinal();
        if (ordinal == 0) {
            throw Refusal.invalid("ordinal must be 1 to 4 (the nth weekday of the month), or -1 for the last");
        }
        LocalTime start = body.has("start") || all ? body.time("start", true) : before.start();
        LocalTime end = body.has("end") || all ? body.time("end", true) : before.end();
        if (!start.isBefore(end)) {
            throw Refusal.invalid("end must be after start");
        }
        LocalDate validFrom = body.has("validFrom") ? body.date("validFrom", true)
                : all ? LocalDate.now(VanTour.ZONE) : before.validFrom();
        LocalDate validUntil = body.has("validUntil") || all ? body.date("validUntil", false) : before.validUntil();
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw Refusal.invalid("validUntil must not be before validFrom");
        }
        String note = body.has("note") || all ? body.text("note", false, 200) : before.note();
        return new VanStop(id, commune, place, weekday, ordinal, start, end, validFrom, validUntil, note);
    }

    static VanException exception(Body body, String id) throws Refusal {
        String kind = body.choice("kind", true, VanException.KINDS);
        LocalDate date = body.date("date", true);
        String stop = body.id("stop", kind.equals("cancelled") || kind.equals("moved"));
        String commune = body.id("commune", kind.equals("added"));
        LocalDate toDate = body.date("toDate", false);
        LocalTime start = body.time("start", kind.equals("added"));
        LocalTime end = body.time("end", kind.equals("added"));
        String place = body.text("place", kind.equals("added"), Body.MAX_TEXT);
        String reason = body.text("reason", false, 200);
        if (kind.equals("closed") || kind.equals("cancelled")) {
            for (String field : new String[] {"toDate", "start", "end", "place"}) {
                if (body.has(field)) {
                    throw Refusal.invalid(field + " has no meaning for a " + kind + " exception");
                }
            }
        }
        if (!kind.equals("added") && body.has("commune")) {
            throw Refusal.invalid("commune is only for an added visit (the stop says its commune)");
        }
        if ((kind.equals("closed") || kind.equals("added")) && body.has("stop")) {
            throw Refusal.invalid("stop has no meaning for a " + kind + " exception");
        }
        if (kind.equals("moved") && !body.has("toDate") && !body.has("start") && !body.has("place")) {
            throw Refusal.invalid("toDate, start or place: a moved visit needs where or when it moves");
        }
        if (toDate != null && Math.abs(java.time.temporal.ChronoUnit.DAYS.between(date, toDate)) > MAX_MOVE_DAYS) {
            throw Refusal.invalid("toDate must be within " + MAX_MOVE_DAYS + " days of date: cancel this visit and add"
                    + " another instead");
        }
        if (!kind.equals("moved") && body.has("toDate")) {
            throw Refusal.invalid("toDate is only for a moved visit");
        }
        if (start != null && end != null && !start.isBefore(end) || (start == null) != (end == null)) {
            throw Refusal.invalid("end must be given with start, and after it");
        }
        return new VanException(id, kind, date, stop, commune, toDate, start, end, place, reason);
    }
}
