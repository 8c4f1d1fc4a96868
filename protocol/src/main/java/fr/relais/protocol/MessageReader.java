package fr.relais.protocol;

import com.fasterxml.jackson.core.type.TypeReference;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a validated JSON object into the message its topic announces. */
final class MessageReader {
    private static final TypeReference<Map<String, Object>> PLAIN_OBJECT = new TypeReference<>() {
    };

    private final Function<JsonNode, Map<String, Object>> plainObject;

    MessageReader(ObjectMapper mapper) {
        this.plainObject = node -> mapper.convertValue(node, PLAIN_OBJECT);
    }

    Message read(Topic topic, StrictObject object) throws FieldException {
        try {
            return switch (topic.kind()) {
                case STATE -> new NodeState(object.choice("state", Presence.class), object.nonNegativeLong("bdSeq"),
                        object.instant("ts"));
                case HUB_STATE -> new HubState(object.choice("state", Presence.class), object.text("session"),
                        object.instant("ts"));
                case BIRTH -> birth(object);
                case TELEMETRY -> new Telemetry(envelope(object), object.optionalId("device"),
                        object.choice("health", Health.class), object.scalars("metrics"));
                case EVENT -> new Event(envelope(object), object.optionalId("device"), object.id("type"),
                        object.choice("severity", Severity.class), object.optionalText("message").orElse(""),
                        object.scalars("data"));
                case COMMAND -> new Command(topic.command(), object.uuid("requestId"), object.instant("ts"),
                        object.optionalInstant("expiresAt"), object.freeObject("args", plainObject));
                case REPLY -> reply(object);
                // Access lists are fragments of signed bytes, read by AccessListFragments, never here.
                case ACCESS -> throw new FieldException("topic", "an access list fragment is not a message");
                // Kiosk content is one JSON document read by PlaceContentCodec, never here.
                case CONTENT -> throw new FieldException("topic", "kiosk content is not a message");
            };
        } catch (IllegalArgumentException e) {
            // A rule that spans several fields (e.g. a device id given twice).
            throw new FieldException("payload", e.getMessage());
        }
    }

    private static Envelope envelope(StrictObject object) throws FieldException {
        return new Envelope(object.uuid("msgId"), object.nonNegativeLong("seq"), object.instant("ts"),
                object.choice("clock", ClockConfidence.class));
    }

    private static Birth birth(StrictObject object) throws FieldException {
        Envelope envelope = envelope(object);
        long bdSeq = object.nonNegativeLong("bdSeq");
        StrictObject site = object.object("site");
        Birth.SiteInfo siteInfo = new Birth.SiteInfo(site.text("name"), site.choice("kind", SiteKind.class));
        site.finish();
        StrictObject agent = object.object("agent");
        Birth.AgentInfo agentInfo = new Birth.AgentInfo(agent.text("version"), agent.text("configVersion"));
        agent.finish();
        List<Birth.DeviceInfo> devices = new ArrayList<>();
        for (StrictObject device : object.objects("devices", Birth.MAX_DEVICES)) {
            devices.add(new Birth.DeviceInfo(device.id("id"), device.choice("kind", DeviceKind.class),
                    device.text("name"), device.bool("simulated", false)));
            device.finish();
        }
        return new Birth(envelope, bdSeq, siteInfo, agentInfo, devices);
    }

    private Reply reply(StrictObject object) throws FieldException {
        return new Reply(envelope(object), object.uuid("requestId"), object.id("command"),
                object.choice("status", ReplyStatus.class), object.optionalText("reason").orElse(""),
                object.freeObject("result", plainObject));
    }
}
