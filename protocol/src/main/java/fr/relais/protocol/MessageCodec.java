package fr.relais.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON form of every message. Decoding is strict: a payload is either a complete, valid
 * message of the kind its topic says, or an {@link InvalidMessageException} naming the field
 * and the reason; never a half-filled object. Thread-safe.
 */
public final class MessageCodec {
    /** Larger payloads are refused before parsing; the broker is configured with the same limit. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final MessageReader reader = new MessageReader(mapper);
    private final MessageWriter writer = new MessageWriter(mapper);
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(JsonValues.MAX_DEPTH + 4)
            .maxStringLength(MAX_PAYLOAD_BYTES)
            .build();
    /** Its own parser factory, without Jackson's duplicate detection: it finds duplicates itself. */
    private final TelemetryFastPath fastTelemetry = new TelemetryFastPath(LIMITS);

    public MessageCodec() {
        mapper.getFactory().setStreamReadConstraints(LIMITS);
    }

    public byte[] encode(Message message) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        try (JsonGenerator json = mapper.getFactory().createGenerator(buffer)) {
            writer.write(message, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        return buffer.toByteArray();
    }

    /**
     * The JSON text of a free-form object of plain values (metrics, event data, command
     * arguments and results), written the same way messages write them.
     */
    public String encodeObject(Map<String, Object> values) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(buffer)) {
            writer.value(json, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an object", e);
        }
        return new String(buffer.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Decodes a payload received on {@code topic}; the topic decides which message it must be. */
    public Message decode(Topic topic, byte[] payload) throws InvalidMessageException {
        if (topic.kind() == Topic.Kind.TELEMETRY && payload != null && payload.length <= MAX_PAYLOAD_BYTES
                && !otherEncoding(payload)) {
            Telemetry telemetry = fastTelemetry.read(payload);
            if (telemetry != null) {
                return telemetry;
            }
        }
        return decodeStrictly(topic, payload);
    }

    /** The strict, tree-based reading that names what is wrong; every refusal comes from here. */
    Message decodeStrictly(Topic topic, byte[] payload) throws InvalidMessageException {
        if (!topic.carriesMessage()) {
            throw new InvalidMessageException("topic", "'" + topic + "': an access list fragment is not a message");
        }
        JsonNode root = parse(payload);
        try {
            StrictObject object = StrictObject.root(root, "payload");
            long schema = object.nonNegativeLong("schema");
            if (schema != Message.SCHEMA_VERSION) {
                throw new InvalidMessageException("schema", "unsupported schema version " + schema
                        + " (this build understands " + Message.SCHEMA_VERSION + ")");
            }
            Message message = reader.read(topic, object);
            object.finish();
            return message;
        } catch (FieldException e) {
            throw new InvalidMessageException(e.field(), e.reason());
        }
    }

    /** Decodes and checks that the message is of the expected type. */
    public <T extends Message> T decode(Topic topic, byte[] payload, Class<T> expected) throws InvalidMessageException {
        Message message = decode(topic, payload);
        if (!expected.isInstance(message)) {
            throw new InvalidMessageException("topic", "carries " + message.getClass().getSimpleName()
                    + ", expected " + expected.getSimpleName());
        }
        return expected.cast(message);
    }

    /**
     * Whether the parser would read these bytes as UTF-16 or UTF-32 (it guesses from zero bytes or
     * a byte-order mark at the start): the contract is UTF-8, and a zero byte never starts UTF-8
     * JSON. Found by fuzzing, where such a guess also ended in an UncheckedIOException.
     */
    private static boolean otherEncoding(byte[] payload) {
        for (int i = 0; i < Math.min(4, payload.length); i++) {
            if (payload[i] == 0) {
                return true;
            }
        }
        return payload.length >= 2 && ((payload[0] == (byte) 0xFE && payload[1] == (byte) 0xFF)
                || (payload[0] == (byte) 0xFF && payload[1] == (byte) 0xFE));
    }

    private JsonNode parse(byte[] payload) throws InvalidMessageException {
        if (payload == null || payload.length == 0) {
            throw new InvalidMessageException("payload", "empty");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidMessageException("payload",
                    payload.length + " bytes, more than the limit of " + MAX_PAYLOAD_BYTES);
        }
        if (otherEncoding(payload)) {
            throw new InvalidMessageException("payload", "not UTF-8: the bytes look like UTF-16 or UTF-32 text");
        }
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("payload", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            // Not an I/O failure (the payload is in memory) but bytes the parser cannot decode.
            throw new InvalidMessageException("payload", "not readable as JSON text: " + e.getMessage());
        }
    }
}
