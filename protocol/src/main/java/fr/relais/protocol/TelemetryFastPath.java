package fr.relais.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Telemetry is nearly everything the hub receives, and building a JSON tree per message was most
 * of its decoding cost. This reads the usual, valid telemetry straight off the token stream.
 * It never decides that a payload is invalid: at the first thing it does not expect it gives up
 * ({@code null}), and the strict, tree-based reader decodes the payload again and says what is
 * wrong. So the two paths cannot disagree on a refusal, and a test checks that they agree on
 * every acceptance.
 *
 * <p>Its parser has no duplicate detection: Jackson's (a set of names per object, filled for every
 * payload) was a tenth of the writer's time. Duplicates are found here instead, and cheaply: a
 * field of the message seen twice, or a metric name seen twice, sends the payload to the strict
 * reader, whose parser detects duplicates and names them. Nothing else is an object here
 * (anything nested goes to the strict reader too), so no duplicate gets through.
 */
final class TelemetryFastPath {
    private static final int SCHEMA = 1;
    private static final int MSG_ID = 2;
    private static final int SEQ = 4;
    private static final int TS = 8;
    private static final int CLOCK = 16;
    private static final int DEVICE = 32;
    private static final int HEALTH = 64;
    private static final int METRICS = 128;
    private static final int REQUIRED = SCHEMA | MSG_ID | SEQ | TS | CLOCK | HEALTH;

    private final JsonFactory factory;

    TelemetryFastPath(StreamReadConstraints limits) {
        this.factory = JsonFactory.builder().streamReadConstraints(limits)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** The telemetry, or {@code null} if this payload needs the strict reader. */
    Telemetry read(byte[] payload) {
        try (JsonParser json = factory.createParser(payload)) {
            return read(json);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Telemetry read(JsonParser json) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        UUID msgId = null;
        long seq = -1;
        Instant ts = null;
        ClockConfidence clock = null;
        String device = null;
        Health health = null;
        Map<String, Object> metrics = Map.of();
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            int bit = bit(name);
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            switch (bit) {
                case SCHEMA -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT
                            || json.getIntValue() != Message.SCHEMA_VERSION) {
                        return null;
                    }
                }
                case MSG_ID -> msgId = value == JsonToken.VALUE_STRING ? uuid(json.getText()) : null;
                case SEQ -> seq = value == JsonToken.VALUE_NUMBER_INT
                        && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? json.getLongValue() : -1;
                case TS -> ts = value == JsonToken.VALUE_STRING ? Timestamps.parse(json.getText()) : null;
                case CLOCK -> clock = value == JsonToken.VALUE_STRING
                        ? WireValue.fromWire(ClockConfidence.class, json.getText()) : null;
                case DEVICE -> device = value == JsonToken.VALUE_STRING && Ids.isValid(json.getText())
                        ? json.getText() : null;
                case HEALTH -> health = value == JsonToken.VALUE_STRING
                        ? WireValue.fromWire(Health.class, json.getText()) : null;
                default -> metrics = value == JsonToken.START_OBJECT ? scalars(json) : null;
            }
            if ((bit == MSG_ID && msgId == null) || (bit == SEQ && seq < 0) || (bit == TS && ts == null)
                    || (bit == CLOCK && clock == null) || (bit == DEVICE && device == null)
                    || (bit == HEALTH && health == null) || (bit == METRICS && metrics == null)) {
                return null;
            }
        }
        if (token != JsonToken.END_OBJECT || (seen & REQUIRED) != REQUIRED || json.nextToken() != null) {
            return null;
        }
        return new Telemetry(new Envelope(msgId, seq, ts, clock), Optional.ofNullable(device), health, metrics);
    }

    /** Numbers, booleans and texts only; anything else is for the strict reader. */
    private static Map<String, Object> scalars(JsonParser json) throws IOException {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            Object scalar = switch (value) {
                case VALUE_NUMBER_INT -> json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? null : json.getLongValue();
                case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_STRING -> json.getText();
                default -> null;
            };
            if (scalar == null || values.put(name, scalar) != null || values.size() > Metrics.MAX_ENTRIES
                    || Metrics.nameProblem(name) != null || Metrics.valueProblem(scalar) != null) {
                return null;
            }
        }
        return token == JsonToken.END_OBJECT ? Metrics.checked(values) : null;
    }

    private static int bit(String name) {
        return switch (name) {
            case "schema" -> SCHEMA;
            case "msgId" -> MSG_ID;
            case "seq" -> SEQ;
            case "ts" -> TS;
            case "clock" -> CLOCK;
            case "device" -> DEVICE;
            case "health" -> HEALTH;
            case "metrics" -> METRICS;
            default -> 0;
        };
    }

    private static UUID uuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
