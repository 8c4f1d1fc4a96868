package fr.relais.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened once (a paper jam, a door forced, a link lost), as opposed to a
 * periodic reading. {@code type} is a short kebab-case name such as {@code paper-out}.
 */
public record Event(Envelope envelope, Optional<String> device, String type, Severity severity, String message,
                    Map<String, Object> data) implements Message {

    public Event {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        data = Metrics.copyOf(data);
        if (!Ids.isValid(type)) {
            throw new IllegalArgumentException("type " + Ids.problem(type));
        }
    }
}
