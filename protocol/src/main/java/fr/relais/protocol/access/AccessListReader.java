package fr.relais.protocol.access;

import fr.relais.protocol.Ids;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of an access list one by one, so each refusal names its path. Rules that
 * span fields (a badge granted twice, a window ending before it starts) are the records' own,
 * reported on the object that breaks them.
 */
final class AccessListReader {
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):[0-5][0-9]");

    private AccessListReader() {
    }

    static AccessList read(StrictObject root) throws FieldException {
        String site = root.id("site");
        long version = positive(root, "version");
        Optional<Long> baseVersion = root.has("baseVersion") ? Optional.of(positive(root, "baseVersion"))
                : Optional.empty();
        if (baseVersion.isPresent() && baseVersion.get() >= version) {
            throw new FieldException("baseVersion", "must be below version " + version + ", got " + baseVersion.get());
        }
        var issuedAt = root.instant("issuedAt");
        ZoneId zone = zone(root, "timeZone");
        List<BadgeGrant> grants = new ArrayList<>();
        Set<String> granted = new HashSet<>();
        for (StrictObject grant : root.objects("grants", AccessList.MAX_GRANTS)) {
            BadgeGrant read = grant(grant);
            grant.finish();
            if (!granted.add(read.badgeHash())) {
                throw new FieldException(grant.field("badgeHash"), "badge " + BadgeGrant.shortHash(read.badgeHash())
                        + " is granted twice");
            }
            grants.add(read);
        }
        List<String> revokedHashes = distinctTexts(root, "revoked", AccessList.MAX_GRANTS);
        for (int i = 0; i < revokedHashes.size(); i++) {
            String hash = revokedHashes.get(i);
            String field = root.field("revoked") + "[" + i + "]";
            build(field, () -> {
                BadgeGrant.requireHash(hash);
                return hash;
            });
            if (granted.contains(hash)) {
                throw new FieldException(field, "badge " + BadgeGrant.shortHash(hash) + " is both granted and revoked");
            }
        }
        Set<String> revoked = Set.copyOf(revokedHashes);
        return build("payload", () -> new AccessList(site, version, baseVersion, issuedAt, zone, grants, revoked));
    }

    private static BadgeGrant grant(StrictObject grant) throws FieldException {
        String hash = grant.text("badgeHash");
        build(grant.field("badgeHash"), () -> {
            BadgeGrant.requireHash(hash);
            return hash;
        });
        String member = grant.id("member");
        BadgeClass badgeClass = badgeClass(grant, "badgeClass");
        Optional<LocalDate> validFrom = optionalDate(grant, "validFrom");
        Optional<LocalDate> validUntil = optionalDate(grant, "validUntil");
        boolean suspended = grant.bool("suspended", false);
        List<String> doorIds = distinctTexts(grant, "doors", AccessListCodec.MAX_DOORS);
        for (int i = 0; i < doorIds.size(); i++) {
            String problem = Ids.problem(doorIds.get(i));
            if (problem != null) {
                throw new FieldException(grant.field("doors") + "[" + i + "]", problem);
            }
        }
        Set<String> doors = Set.copyOf(doorIds);
        List<AccessWindow> windows = new ArrayList<>();
        for (StrictObject window : optionalObjects(grant, "windows", AccessListCodec.MAX_WINDOWS)) {
            windows.add(window(window));
            window.finish();
        }
        List<BookingSlot> bookings = new ArrayList<>();
        for (StrictObject booking : optionalObjects(grant, "bookings", AccessListCodec.MAX_BOOKINGS)) {
            String door = booking.id("door");
            var from = booking.instant("from");
            var until = booking.instant("until");
            booking.finish();
            bookings.add(build(booking.field("until"), () -> new BookingSlot(door, from, until)));
        }
        Optional<PackDays> packDays = Optional.empty();
        Optional<StrictObject> pack = grant.optionalObject("packDays");
        if (pack.isPresent()) {
            long left = pack.get().longIn("left", 0, Integer.MAX_VALUE, -1);
            if (left < 0) {
                throw new FieldException(pack.get().field("left"), "is required");
            }
            Optional<LocalDate> counted = optionalDate(pack.get(), "countedDay");
            pack.get().finish();
            packDays = Optional.of(new PackDays((int) left, counted));
        }
        Optional<PackDays> days = packDays;
        return build(grant.field("validUntil"), () -> new BadgeGrant(hash, member, badgeClass, validFrom, validUntil,
                suspended, doors, windows, bookings, days));
    }

    private static AccessWindow window(StrictObject window) throws FieldException {
        List<String> names = window.texts("days");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            DayOfWeek day = day(names.get(i));
            String field = window.field("days") + "[" + i + "]";
            if (day == null) {
                throw new FieldException(field, "'" + names.get(i) + "' is not one of: mon, tue, wed, thu, fri, sat, sun");
            }
            if (!days.add(day)) {
                throw new FieldException(field, "'" + names.get(i) + "' appears twice");
            }
        }
        if (days.isEmpty()) {
            throw new FieldException(window.field("days"), "needs at least one day");
        }
        LocalTime from = time(window, "from", false);
        LocalTime until = time(window, "until", true);
        return build(window.field("until"), () -> new AccessWindow(days, from, until));
    }

    /** Days are the first three letters of their English name, lower-case: {@code mon} to {@code sun}. */
    static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (dayName(day).equals(name)) {
                return day;
            }
        }
        return null;
    }

    /** HH:mm; {@code 24:00} only as an end, for the end of the day (never 00:00, which reads as the start). */
    private static LocalTime time(StrictObject object, String name, boolean end) throws FieldException {
        String text = object.text(name);
        if (!TIME.matcher(text).matches()) {
            throw new FieldException(object.field(name), "'" + text + "' is not a time HH:mm such as 08:30");
        }
        int hour = Integer.parseInt(text.substring(0, 2));
        int minute = Integer.parseInt(text.substring(3));
        if (end && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (hour == 24) {
            throw new FieldException(object.field(name), "'" + text + "' is not a time of day"
                    + (end ? " (24:00 is the end of the day)" : " (a window starts at 00:00 at the earliest)"));
        }
        if (end && hour == 0 && minute == 0) {
            throw new FieldException(object.field(name), "'00:00' as an end: write 24:00 for the end of the day");
        }
        return LocalTime.of(hour, minute);
    }

    private static Optional<LocalDate> optionalDate(StrictObject object, String name) throws FieldException {
        Optional<String> text = object.optionalText(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (DATE.matcher(text.get()).matches()) {
                return Optional.of(LocalDate.parse(text.get()));
            }
        } catch (DateTimeException e) {
            // said below
        }
        throw new FieldException(object.field(name), "'" + text.get() + "' is not a date such as 2026-11-28");
    }

    private static ZoneId zone(StrictObject object, String name) throws FieldException {
        String text = object.text(name);
        try {
            ZoneId zone = ZoneId.of(text);
            if (zone.getId().equals(text)) {
                return zone;
            }
        } catch (DateTimeException e) {
            // said below
        }
        throw new FieldException(object.field(name), "'" + text + "' is not a time zone id such as Europe/Paris");
    }

    private static BadgeClass badgeClass(StrictObject object, String name) throws FieldException {
        String text = object.text(name);
        for (BadgeClass badgeClass : BadgeClass.values()) {
            if (badgeClass.name().toLowerCase(Locale.ROOT).equals(text)) {
                return badgeClass;
            }
        }
        throw new FieldException(object.field(name), "'" + text + "' is not one of: member, staff, maintenance");
    }

    private static long positive(StrictObject object, String name) throws FieldException {
        long number = object.nonNegativeLong(name);
        if (number < 1) {
            throw new FieldException(object.field(name), "must be >= 1, got " + number);
        }
        return number;
    }

    /** An optional array of texts, each given once; absent means empty. */
    private static List<String> distinctTexts(StrictObject object, String name, int max) throws FieldException {
        if (!object.has(name)) {
            return List.of();
        }
        List<String> texts = object.texts(name);
        if (texts.size() > max) {
            throw new FieldException(object.field(name), "at most " + max + " entries, got " + texts.size());
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!distinct.add(texts.get(i))) {
                throw new FieldException(object.field(name) + "[" + i + "]", "'" + texts.get(i) + "' appears twice");
            }
        }
        return texts;
    }

    private static List<StrictObject> optionalObjects(StrictObject object, String name, int max) throws FieldException {
        return object.has(name) ? object.objects(name, max) : List.of();
    }

    /** Builds a record; its own checks (spanning fields) are reported on {@code field}. */
    private static <T> T build(String field, Construction<T> construction) throws FieldException {
        try {
            return construction.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FieldException(field, String.valueOf(e.getMessage()));
        }
    }

    @FunctionalInterface
    private interface Construction<T> {
        T get();
    }
}
