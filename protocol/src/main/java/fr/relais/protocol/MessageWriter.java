package fr.relais.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of each message; the inverse of {@link MessageReader}. Streams straight to a
 * generator: an agent replaying a million messages should not build a million JSON trees.
 */
final class MessageWriter {
    private final ObjectMapper mapper;

    MessageWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(Message message, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schema", Message.SCHEMA_VERSION);
        if (message instanceof NodeState s) {
            json.writeStringField("state", s.state().wire());
            json.writeNumberField("bdSeq", s.bdSeq());
            json.writeStringField("ts", s.ts().toString());
        } else if (message instanceof HubState s) {
            json.writeStringField("state", s.state().wire());
            json.writeStringField("session", s.session());
            json.writeStringField("ts", s.ts().toString());
        } else if (message instanceof Birth b) {
            birth(json, b);
        } else if (message instanceof Telemetry t) {
            envelope(json, t.envelope());
            device(json, t.device());
            json.writeStringField("health", t.health().wire());
            values(json, "metrics", t.metrics());
        } else if (message instanceof Event e) {
            envelope(json, e.envelope());
            device(json, e.device());
            json.writeStringField("type", e.type());
            json.writeStringField("severity", e.severity().wire());
            if (!e.message().isEmpty()) {
                json.writeStringField("message", e.message());
            }
            values(json, "data", e.data());
        } else if (message instanceof Command c) {
            json.writeStringField("requestId", c.requestId().toString());
            json.writeStringField("ts", c.ts().toString());
            if (c.expiresAt().isPresent()) {
                json.writeStringField("expiresAt", c.expiresAt().get().toString());
            }
            values(json, "args", c.args());
        } else if (message instanceof Reply r) {
            envelope(json, r.envelope());
            json.writeStringField("requestId", r.requestId().toString());
            json.writeStringField("command", r.command());
            json.writeStringField("status", r.status().wire());
            if (!r.reason().isEmpty()) {
                json.writeStringField("reason", r.reason());
            }
            values(json, "result", r.result());
        } else {
            throw new IllegalArgumentException("not a message of the contract: " + message);
        }
        json.writeEndObject();
    }

    private static void birth(JsonGenerator json, Birth birth) throws IOException {
        envelope(json, birth.envelope());
        json.writeNumberField("bdSeq", birth.bdSeq());
        json.writeObjectFieldStart("site");
        json.writeStringField("name", birth.site().name());
        json.writeStringField("kind", birth.site().kind().wire());
        json.writeEndObject();
        json.writeObjectFieldStart("agent");
        json.writeStringField("version", birth.agent().version());
        json.writeStringField("configVersion", birth.agent().configVersion());
        json.writeEndObject();
        json.writeArrayFieldStart("devices");
        for (Birth.DeviceInfo device : birth.devices()) {
            json.writeStartObject();
            json.writeStringField("id", device.id());
            json.writeStringField("kind", device.kind().wire());
            json.writeStringField("name", device.name());
            json.writeBooleanField("simulated", device.simulated());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void envelope(JsonGenerator json, Envelope envelope) throws IOException {
        json.writeStringField("msgId", envelope.msgId().toString());
        json.writeNumberField("seq", envelope.seq());
        json.writeStringField("ts", Timestamps.format(envelope.ts()));
        json.writeStringField("clock", envelope.clock().wire());
    }

    private static void device(JsonGenerator json, Optional<String> device) throws IOException {
        if (device.isPresent()) {
            json.writeStringField("device", device.get());
        }
    }

    /** Metrics, event data and free objects: plain values (String, Long, Double, Boolean, null, List, Map). */
    private void values(JsonGenerator json, String field, Map<String, Object> values) throws IOException {
        json.writeFieldName(field);
        value(json, values);
    }

    void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                value(json, element);
            }
            json.writeEndArray();
        } else {
            // Records validate their values; anything else is written the way Jackson knows.
            mapper.writeValue(json, value);
        }
    }
}
