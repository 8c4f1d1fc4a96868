package fr.relais.hub.db;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import fr.relais.protocol.MessageCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free-form JSON objects (metrics, command arguments and results) as the texts the tables keep.
 * Metrics and event data are flat maps of scalars, written here directly: a JSON generator per
 * reading was the writer's largest cost at thousands of readings a second. Anything nested
 * goes through the protocol's own writer.
 */
public final class JsonTexts {
    private static final MessageCodec CODEC = new MessageCodec();
    /**
     * Names already quoted, with their colon: a fleet sends the same few metric names millions of
     * times. Bounded like the protocol's cache of valid names; past the bound, quoted each time.
     */
    private static final Map<String, String> QUOTED_NAMES = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 10_000;

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
            json.append(quotedName(entry.getKey()));
            // append(long), append(double): the same digits as Long/Double.toString, without the string.
            if (value instanceof String text) {
                if (plain(text)) {
                    json.append('"').append(text).append('"');
                } else {
                    quote(json, text);
                }
            } else if (value instanceof Long number) {
                json.append(number.longValue());
            } else if (value instanceof Double number) {
                json.append(number.doubleValue());
            } else {
                json.append(((Boolean) value).booleanValue());
            }
        }
        return json.append('}').toString();
    }

    private static String quotedName(String name) {
        String quoted = QUOTED_NAMES.get(name);
        if (quoted == null) {
            quoted = quote(new StringBuilder(name.length() + 3), name).append(':').toString();
            if (QUOTED_NAMES.size() < MAX_REMEMBERED) {
                QUOTED_NAMES.put(name, quoted);
            }
        }
        return quoted;
    }

    /** Printable ASCII without a quote or a backslash: nothing the JSON encoder would escape. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }
}
