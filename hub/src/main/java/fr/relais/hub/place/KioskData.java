package fr.relais.hub.place;

import fr.relais.hub.web.Refusal;
import fr.relais.protocol.Ids;
import java.time.Instant;
import java.util.Map;

/**
 * An action event's {@code data} read for a kiosk action: what a kiosk sent may be anything, so
 * each reader answers null (or throws a {@link Refusal} with a French message for the visitor),
 * never a crash of the ingestion batch.
 */
public final class KioskData {
    private final Map<String, Object> data;

    public KioskData(Map<String, Object> data) {
        this.data = data == null ? Map.of() : data;
    }

    /** An identifier (a workshop, a slot, a member, a room), or a refusal saying {@code what} is unknown. */
    public String id(String name, String unknown) {
        Object value = data.get(name);
        if (!(value instanceof String text) || !Ids.isValid(text)) {
            throw new Refusal(400, unknown);
        }
        return text;
    }

    /** A first name of at most 40 characters; absent or blank: null, or a refusal when it is required. */
    public String firstName(boolean required) {
        Object value = data.get("firstName");
        if (value == null || value instanceof String text && text.isBlank()) {
            if (required) {
                throw new Refusal(400, "Indiquez votre prénom");
            }
            return null;
        }
        if (!(value instanceof String text) || text.strip().length() > PlaceBody.MAX_FIRST_NAME
                || text.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal(400, "Prénom non valable (" + PlaceBody.MAX_FIRST_NAME + " caractères au plus)");
        }
        return text.strip();
    }

    public String code() {
        String code = BookingCode.normalise(data.get("code"));
        if (code == null) {
            throw Refusal.notFound("Code inconnu");
        }
        return code;
    }

    public Instant instant(String name) {
        Instant instant = data.get(name) instanceof String text ? PlaceTimes.parse(text) : null;
        if (instant == null) {
            throw new Refusal(400, "Horaire non valable");
        }
        return instant;
    }
}
