package fr.relais.protocol.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the hub tells a place's kiosk, through the place's agent: the place, its hours, the van's
 * next visits, workshops, appointment slots, the queue and the answers to the kiosk's actions.
 * Published retained on {@code relais/v1/{site}/{node}/content} ({@link PlaceContentCodec}); the
 * agent keeps the latest in its SQLite file and serves it to the kiosk. Times are ISO-8601 text
 * with their offset (the place's local time, Europe/Paris), checked here so that every reader can
 * parse them; a section the hub has nothing for is an empty list, never missing.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlaceContent(int v, String site, long version, String generatedAt, boolean example, Place place,
                           Hours hours, Van van, List<Workshop> workshops, List<Slot> slots, Queue queue,
                           List<Room> rooms, List<Answer> answers) {
    public static final int VERSION = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}");

    public PlaceContent {
        if (v != VERSION) {
            throw new IllegalArgumentException("v: " + v + " is not " + VERSION);
        }
        checkId("site", site);
        if (version < 0) {
            throw new IllegalArgumentException("version: negative");
        }
        instant("generatedAt", generatedAt);
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(van, "van");
        Objects.requireNonNull(queue, "queue");
        workshops = list("workshops", workshops);
        slots = list("slots", slots);
        rooms = list("rooms", rooms);
        answers = list("answers", answers);
    }

    /** The place itself: its name, kind ({@code mediation}, {@code coworking}, {@code van}) and commune. */
    public record Place(String name, String kind, String commune, String communeName, String timeZone) {
        public Place {
            text("place.name", name, 120);
            if (!List.of("mediation", "coworking", "van").contains(kind)) {
                throw new IllegalArgumentException("place.kind: '" + kind + "' is not mediation, coworking or van");
            }
            if (commune != null) {
                checkId("place.commune", commune);
                text("place.communeName", communeName, 120);
            }
            text("place.timeZone", timeZone, 60);
        }
    }

    /** Weekly opening hours (several periods a day allowed) and dated exceptions. */
    public record Hours(List<Period> weekly, List<HoursException> exceptions) {
        public Hours {
            weekly = list("hours.weekly", weekly);
            exceptions = list("hours.exceptions", exceptions);
        }
    }

    /** {@code day} is {@code MONDAY}…{@code SUNDAY}; {@code opens}/{@code closes} are {@code HH:mm}. */
    public record Period(String day, String opens, String closes) {
        public Period {
            try {
                java.time.DayOfWeek.valueOf(day);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("hours.weekly.day: '" + day + "' is not MONDAY…SUNDAY");
            }
            order("hours.weekly", time("hours.weekly.opens", opens), time("hours.weekly.closes", closes));
        }
    }

    /** A closed day ({@code closed}, no times) or a day with other hours. */
    public record HoursException(String date, boolean closed, String opens, String closes, String label) {
        public HoursException {
            checkDate("hours.exceptions.date", date);
            if (!closed) {
                order("hours.exceptions", time("hours.exceptions.opens", opens), time("hours.exceptions.closes", closes));
            }
            optionalText("hours.exceptions.label", label, 120);
        }
    }

    /**
     * The van's tour: every commune it serves (for the kiosk's commune picker), the public calendar
     * feeds (for the QR code) and the visits of the coming weeks.
     */
    public record Van(String calendarUrl, List<Commune> communes, List<Visit> visits) {
        public Van {
            optionalText("van.calendarUrl", calendarUrl, 300);
            communes = list("van.communes", communes);
            visits = list("van.visits", visits);
        }
    }

    /** {@code near}: the place's own commune or a neighbouring one, shown first. */
    public record Commune(String id, String name, String calendarUrl, boolean near) {
        public Commune {
            checkId("van.communes.id", id);
            text("van.communes.name", name, 120);
            optionalText("van.communes.calendarUrl", calendarUrl, 300);
        }
    }

    /** A visit of the van; {@code status} is {@code planned}, {@code added}, {@code moved} or {@code cancelled}. */
    public record Visit(String commune, String start, String end, String place, String status, String note) {
        public Visit {
            checkId("van.visits.commune", commune);
            order("van.visits", dateTime("van.visits.start", start), dateTime("van.visits.end", end));
            text("van.visits.place", place, 160);
            if (!List.of("planned", "added", "moved", "cancelled").contains(status)) {
                throw new IllegalArgumentException("van.visits.status: '" + status + "' is not planned, added, moved or cancelled");
            }
            optionalText("van.visits.note", note, 200);
        }

        public OffsetDateTime startTime() {
            return OffsetDateTime.parse(start);
        }

        public OffsetDateTime endTime() {
            return OffsetDateTime.parse(end);
        }
    }

    /** {@code level}: {@code beginner}, {@code intermediate} or {@code advanced}; {@code free}: seats left. */
    public record Workshop(String id, String title, String topic, String level, String start, String end, int seats,
                           int free, String place, boolean professional) {
        public Workshop {
            checkId("workshops.id", id);
            text("workshops.title", title, 160);
            text("workshops.topic", topic, 80);
            if (!List.of("beginner", "intermediate", "advanced").contains(level)) {
                throw new IllegalArgumentException("workshops.level: '" + level + "' is not beginner, intermediate or advanced");
            }
            order("workshops", dateTime("workshops.start", start), dateTime("workshops.end", end));
            if (seats < 0 || free < 0 || free > seats) {
                throw new IllegalArgumentException("workshops.free: " + free + " of " + seats + " seats");
            }
            text("workshops.place", place, 160);
        }

        public OffsetDateTime startTime() {
            return OffsetDateTime.parse(start);
        }
    }

    /** A free appointment slot; {@code with} is {@code mediator} or {@code van} (then {@code commune} says the stop). */
    public record Slot(String id, String with, String start, String end, String place, String commune) {
        public Slot {
            checkId("slots.id", id);
            if (!List.of("mediator", "van").contains(with)) {
                throw new IllegalArgumentException("slots.with: '" + with + "' is not mediator or van");
            }
            order("slots", dateTime("slots.start", start), dateTime("slots.end", end));
            text("slots.place", place, 160);
            if (commune != null) {
                checkId("slots.commune", commune);
            }
        }

        public OffsetDateTime startTime() {
            return OffsetDateTime.parse(start);
        }
    }

    /**
     * The place's queue today: the tickets being called (newest first), how many wait, the mean
     * service time measured today (null before the first one) and the last number the hub knows.
     */
    public record Queue(List<Called> calling, int waiting, Integer averageServiceSeconds, int lastNumber) {
        public Queue {
            calling = list("queue.calling", calling);
            if (waiting < 0 || lastNumber < 0 || averageServiceSeconds != null && averageServiceSeconds < 0) {
                throw new IllegalArgumentException("queue: negative count");
            }
        }
    }

    /** A ticket called to a desk; {@code label} is what the ticket shows (e.g. {@code C12}). */
    public record Called(String label, int number, String desk, String at) {
        public Called {
            text("queue.calling.label", label, 12);
            optionalText("queue.calling.desk", desk, 60);
            dateTime("queue.calling.at", at);
        }
    }

    /** A coworking room and its bookings of the day (no names: only when it is taken). */
    public record Room(String id, String name, int capacity, List<Taken> bookings) {
        public Room {
            checkId("rooms.id", id);
            text("rooms.name", name, 120);
            bookings = list("rooms.bookings", bookings);
        }
    }

    public record Taken(String start, String end) {
        public Taken {
            order("rooms.bookings", dateTime("rooms.bookings.start", start), dateTime("rooms.bookings.end", end));
        }
    }

    /**
     * The hub's answer to one of this node's kiosk actions ({@link KioskActions}), by the action's
     * id: {@code done} (with the booking's {@code code} when there is one) or {@code refused} (with
     * a French {@code message} for the visitor).
     */
    public record Answer(String action, String status, String code, String message) {
        public Answer {
            checkId("answers.action", action);
            if (!List.of("done", "refused").contains(status)) {
                throw new IllegalArgumentException("answers.status: '" + status + "' is not done or refused");
            }
            optionalText("answers.code", code, 20);
            optionalText("answers.message", message, 200);
        }
    }

    private static void checkId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an id");
        }
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        optionalText(field, value, max);
    }

    private static void optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
    }

    private static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            throw new IllegalArgumentException(field + ": missing (an empty list when there is nothing)");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + ": null entry");
        }
        return List.copyOf(values);
    }

    private static void instant(String field, String value) {
        try {
            Instant.parse(Objects.requireNonNull(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO-8601 instant");
        }
    }

    private static OffsetDateTime dateTime(String field, String value) {
        try {
            return OffsetDateTime.parse(Objects.requireNonNull(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO-8601 date-time with offset");
        }
    }

    private static void checkDate(String field, String value) {
        try {
            LocalDate.parse(Objects.requireNonNull(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(Objects.requireNonNull(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a time (HH:mm)");
        }
    }

    private static <T extends Comparable<? super T>> void order(String field, T start, T end) {
        if (start.compareTo(end) >= 0) {
            throw new IllegalArgumentException(field + ": ends before it starts");
        }
    }

}
