package fr.relais.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** Free-form JSON objects (metrics, command arguments and results) as the texts the tables keep. */
public final class JsonTexts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTexts() {
    }

    public static String write(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
