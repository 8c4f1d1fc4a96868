package fr.relais.agent.localapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/** The JSON of the kiosk API: strict reading of request bodies, local times with their offset. */
final class KioskJson {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private KioskJson() {
    }

    /** A request body as an object whose every field must be read (then {@link StrictObject#finish()}). */
    static StrictObject body(byte[] bytes) throws BadRequest {
        if (bytes.length == 0) {
            throw new BadRequest("Requête invalide : corps vide (un objet JSON est attendu).");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequest("Requête invalide : JSON illisible (" + e.getOriginalMessage() + ").");
        } catch (java.io.IOException e) {
            throw new BadRequest("Requête invalide : " + e.getMessage());
        }
        try {
            return StrictObject.root(tree, "body");
        } catch (FieldException e) {
            throw invalid(e);
        }
    }

    static BadRequest invalid(FieldException e) {
        return new BadRequest("Requête invalide : " + e.getMessage());
    }

    /** {@code 2026-12-01T09:00:00+01:00}, in the place's zone. */
    static String local(Instant instant) {
        return LOCAL.format(instant.atZone(TicketBook.PLACE_ZONE));
    }

    static Optional<String> local(Optional<Instant> instant) {
        return instant.map(KioskJson::local);
    }

    static UUID uuid(String field, String text) throws BadRequest {
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equals(text.toLowerCase())) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // Said below.
        }
        throw new BadRequest("Requête invalide : " + field + " n'est pas un identifiant (UUID).");
    }

    static String dateTime(String field, String text) throws BadRequest {
        try {
            OffsetDateTime.parse(text);
            return text;
        } catch (DateTimeParseException e) {
            throw new BadRequest("Requête invalide : " + field + " n'est pas une date et heure ISO-8601 avec décalage.");
        }
    }
}
