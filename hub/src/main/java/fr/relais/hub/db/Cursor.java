package fr.relais.hub.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a page ended: the sort key of its last row, as an opaque text for the API (base64url
 * of a JSON array). Opaque so that clients pass it back rather than build one; the list it is
 * given to checks that its values have the types of its own sort key.
 */
public record Cursor(List<Object> key) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 2048;

    public Cursor {
        key = List.copyOf(key);
    }

    public String text() {
        ArrayNode array = JSON.createArrayNode();
        for (Object value : key) {
            if (value instanceof Long number) {
                array.add(number);
            } else {
                array.add((String) value);
            }
        }
        byte[] json = array.toString().getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** Reads a cursor given by a client. */
    public static Cursor parse(String text) throws BadCursorException {
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new BadCursorException("cursor must be the text a previous page gave in its Link header");
        }
        JsonNode array;
        try {
            array = JSON.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new BadCursorException("cursor '" + text + "' is not one this API gave");
        } catch (IOException e) {
            throw new BadCursorException("cursor '" + text + "' cannot be read");
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new BadCursorException("cursor '" + text + "' is not one this API gave");
        }
        List<Object> key = new ArrayList<>();
        for (JsonNode value : array) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                key.add(value.longValue());
            } else if (value.isTextual()) {
                key.add(value.textValue());
            } else {
                throw new BadCursorException("cursor '" + text + "' is not one this API gave");
            }
        }
        return new Cursor(key);
    }
}
