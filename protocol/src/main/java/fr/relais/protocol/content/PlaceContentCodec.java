package fr.relais.protocol.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Kiosk content to and from JSON, strictly: an unknown field, a missing section, a wrong type or
 * a value {@link PlaceContent} refuses is an {@link InvalidContentException} naming the field, so
 * the agent keeps the content it had. A document is at most {@link #MAX_BYTES}: the broker refuses
 * larger packets, and a place's content is a few tens of kilobytes.
 */
public final class PlaceContentCodec {
    public static final int MAX_BYTES = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlaceContentCodec() {
    }

    public static byte[] encode(PlaceContent content) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(content);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException("content of " + content.site() + " is " + bytes.length
                        + " bytes, over " + MAX_BYTES);
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PlaceContent decode(byte[] bytes) throws InvalidContentException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidContentException("empty document");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidContentException(bytes.length + " bytes, over " + MAX_BYTES);
        }
        try {
            PlaceContent content = JSON.readValue(bytes, PlaceContent.class);
            if (content == null) {
                throw new InvalidContentException("null document");
            }
            return content;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidContentException(cause.getMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidContentException("unknown field '" + e.getPropertyName() + "' at " + path(e));
        } catch (JsonProcessingException e) {
            throw new InvalidContentException(e.getOriginalMessage() + " at " + path(e));
        } catch (IOException e) {
            throw new InvalidContentException(e.toString());
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPathReference().replace("fr.relais.protocol.content.", "");
        }
        return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }
}
