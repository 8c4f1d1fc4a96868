package fr.relais.hub.notify;

import fr.relais.protocol.Severity;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A technician: where to reach them, and which severities they want to hear about. */
public record Recipient(String name, Optional<String> email, Optional<URI> webhook, Set<Severity> severities) {
    public Recipient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(webhook, "webhook");
        severities = Set.copyOf(severities);
    }

    public boolean wants(Severity severity) {
        return severities.contains(severity);
    }
}
