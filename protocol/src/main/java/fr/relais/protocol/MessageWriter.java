package fr.relais.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The JSON form of each message; the inverse of {@link MessageReader}. */
final class MessageWriter {
    private final ObjectMapper mapper;

    MessageWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode write(Message message) {
        ObjectNode json = mapper.createObjectNode();
        json.put("schema", Message.SCHEMA_VERSION);
        if (message instanceof NodeState s) {
            json.put("state", s.state().wire()).put("bdSeq", s.bdSeq()).put("ts", s.ts().toString());
        } else if (message instanceof HubState s) {
            json.put("state", s.state().wire()).put("session", s.session()).put("ts", s.ts().toString());
        } else if (message instanceof Birth b) {
            birth(json, b);
        } else if (message instanceof Telemetry t) {
            envelope(json, t.envelope());
            device(json, t.device());
            json.put("health", t.health().wire());
            json.set("metrics", mapper.valueToTree(t.metrics()));
        } else if (message instanceof Event e) {
            envelope(json, e.envelope());
            device(json, e.device());
            json.put("type", e.type()).put("severity", e.severity().wire());
            if (!e.message().isEmpty()) {
                json.put("message", e.message());
            }
            json.set("data", mapper.valueToTree(e.data()));
        } else if (message instanceof Command c) {
            json.put("requestId", c.requestId().toString()).put("ts", c.ts().toString());
            c.expiresAt().ifPresent(expiry -> json.put("expiresAt", expiry.toString()));
            json.set("args", mapper.valueToTree(c.args()));
        } else if (message instanceof Reply r) {
            envelope(json, r.envelope());
            json.put("requestId", r.requestId().toString()).put("command", r.command())
                    .put("status", r.status().wire());
            if (!r.reason().isEmpty()) {
                json.put("reason", r.reason());
            }
            json.set("result", mapper.valueToTree(r.result()));
        } else {
            throw new IllegalArgumentException("not a message of the contract: " + message);
        }
        return json;
    }

    private void birth(ObjectNode json, Birth birth) {
        envelope(json, birth.envelope());
        json.put("bdSeq", birth.bdSeq());
        json.putObject("site").put("name", birth.site().name()).put("kind", birth.site().kind().wire());
        json.putObject("agent").put("version", birth.agent().version())
                .put("configVersion", birth.agent().configVersion());
        var devices = json.putArray("devices");
        for (Birth.DeviceInfo device : birth.devices()) {
            devices.addObject().put("id", device.id()).put("kind", device.kind().wire()).put("name", device.name())
                    .put("simulated", device.simulated());
        }
    }

    private static void envelope(ObjectNode json, Envelope envelope) {
        json.put("msgId", envelope.msgId().toString()).put("seq", envelope.seq())
                .put("ts", envelope.ts().toString()).put("clock", envelope.clock().wire());
    }

    private static void device(ObjectNode json, Optional<String> device) {
        device.ifPresent(id -> json.put("device", id));
    }
}
