package fr.relais.protocol.access;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Locale;

/** Writes an access list in the field order the README gives; empty optional parts are left out. */
final class AccessListWriter {
    private AccessListWriter() {
    }

    static void write(AccessList list, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("v", AccessListCodec.FORMAT_VERSION);
        json.writeStringField("site", list.site());
        json.writeNumberField("version", list.version());
        if (list.baseVersion().isPresent()) {
            json.writeNumberField("baseVersion", list.baseVersion().get());
        }
        json.writeStringField("issuedAt", list.issuedAt().toString());
        json.writeStringField("timeZone", list.timeZone().getId());
        json.writeArrayFieldStart("grants");
        for (BadgeGrant grant : list.grants()) {
            grant(grant, json);
        }
        json.writeEndArray();
        texts("revoked", list.revoked(), json);
        json.writeEndObject();
    }

    private static void grant(BadgeGrant grant, JsonGenerator json) throws IOException {
        String badge = BadgeGrant.shortHash(grant.badgeHash());
        limit(grant.doors().size(), AccessListCodec.MAX_DOORS, "doors", badge);
        limit(grant.windows().size(), AccessListCodec.MAX_WINDOWS, "windows", badge);
        limit(grant.bookings().size(), AccessListCodec.MAX_BOOKINGS, "bookings", badge);
        json.writeStartObject();
        json.writeStringField("badgeHash", grant.badgeHash());
        json.writeStringField("member", grant.member());
        json.writeStringField("badgeClass", grant.badgeClass().name().toLowerCase(Locale.ROOT));
        if (grant.validFrom().isPresent()) {
            json.writeStringField("validFrom", grant.validFrom().get().toString());
        }
        if (grant.validUntil().isPresent()) {
            json.writeStringField("validUntil", grant.validUntil().get().toString());
        }
        if (grant.suspended()) {
            json.writeBooleanField("suspended", true);
        }
        if (!grant.doors().isEmpty()) {
            texts("doors", grant.doors(), json);
        }
        if (!grant.windows().isEmpty()) {
            json.writeArrayFieldStart("windows");
            for (AccessWindow window : grant.windows()) {
                window(window, json);
            }
            json.writeEndArray();
        }
        if (!grant.bookings().isEmpty()) {
            json.writeArrayFieldStart("bookings");
            for (BookingSlot booking : grant.bookings()) {
                json.writeStartObject();
                json.writeStringField("door", booking.door());
                json.writeStringField("from", booking.from().toString());
                json.writeStringField("until", booking.until().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (grant.packDays().isPresent()) {
            json.writeObjectFieldStart("packDays");
            json.writeNumberField("left", grant.packDays().get().left());
            if (grant.packDays().get().countedDay().isPresent()) {
                json.writeStringField("countedDay", grant.packDays().get().countedDay().get().toString());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void window(AccessWindow window, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("days");
        for (DayOfWeek day : DayOfWeek.values()) {
            if (window.days().contains(day)) {
                json.writeString(AccessListReader.dayName(day));
            }
        }
        json.writeEndArray();
        json.writeStringField("from", time(window.from()));
        json.writeStringField("until", window.until().equals(LocalTime.MIDNIGHT) ? "24:00" : time(window.until()));
        json.writeEndObject();
    }

    /** Sorted, so that the same set always gives the same bytes. */
    private static void texts(String name, Collection<String> texts, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart(name);
        for (String text : texts.stream().sorted().toList()) {
            json.writeString(text);
        }
        json.writeEndArray();
    }

    private static String time(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    private static void limit(int size, int max, String what, String badge) {
        if (size > max) {
            throw new IllegalArgumentException("badge " + badge + " has " + size + " " + what + ", at most " + max);
        }
    }
}
