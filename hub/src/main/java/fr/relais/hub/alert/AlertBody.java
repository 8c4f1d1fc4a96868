package fr.relais.hub.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of {@code POST /api/alerts/{id}/ack} and {@code …/clear}: why, and optionally who.
 * Who is the account logged in; a {@code by} in the body must name it. The body may be empty
 * for an acknowledgement; clearing by hand needs a comment.
 */
public record AlertBody(Optional<String> by, Optional<String> comment) {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_BY = 100;
    static final int MAX_COMMENT = 2000;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A body the API refuses, with the message for the technician. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    static AlertBody parse(byte[] body, boolean commentRequired) throws Invalid {
        if (body == null || body.length == 0) {
            if (commentRequired) {
                throw new Invalid("the body must be a JSON object such as {\"comment\":\"…\"}");
            }
            return new AlertBody(Optional.empty(), Optional.empty());
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("the body cannot be read: " + e.getMessage());
        }
        try {
            StrictObject object = StrictObject.root(root, "body");
            Optional<String> by = object.optionalText("by").map(String::strip);
            Optional<String> comment = object.optionalText("comment").map(String::strip).filter(c -> !c.isEmpty());
            object.finish();
            if (by.isPresent() && (by.get().isEmpty() || by.get().length() > MAX_BY)) {
                throw new Invalid("by must name who does it, in 1 to " + MAX_BY + " characters");
            }
            if (comment.isPresent() && comment.get().length() > MAX_COMMENT) {
                throw new Invalid("comment is longer than " + MAX_COMMENT + " characters");
            }
            if (commentRequired && comment.isEmpty()) {
                throw new Invalid("comment is required: say why the alert is cleared by hand");
            }
            return new AlertBody(by, comment);
        } catch (FieldException e) {
            throw new Invalid(e.getMessage());
        }
    }
}
