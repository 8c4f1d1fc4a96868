package fr.relais.hub.db;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import fr.relais.protocol.MessageCodec;
import java.util.Map;

/**
 * Free-form JSON objects (metrics, command arguments and results) as the texts the tables keep.
 * Metrics and event data are flat maps of scalars, written here directly: a JSON generator per
 * reading was the writer's largest cost at thousands of readings a second. Anything nested
 * goes through the protocol's own writer.
 */
public final class JsonTexts {
    private static final MessageCodec CODEC = new MessageCodec();

    private JsonTexts() {
    }

    public static String write(Map<String, Object> values) {
        return CODEC.encodeObject(values);
    }

    /** A flat map of numbers, booleans and texts; the same text {@link #write} would give. */
    public static String flat(Map<String, Object> values) {
        StringBuilder json = new StringBuilder(32 + values.size() * 24).append('{');
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Object value = entry.getValue();
            if (!(value instanceof Long || value instanceof Double || value instanceof Boolean
                    || value instanceof String)) {
                return write(values);
            }
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, entry.getKey()).append(':');
            if (value instanceof String text) {
                quote(json, text);
            } else {
                json.append(value);
            }
        }
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }
}
