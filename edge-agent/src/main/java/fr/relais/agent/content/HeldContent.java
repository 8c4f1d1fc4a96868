package fr.relais.agent.content;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.util.Objects;

/**
 * The content the node holds for its kiosk: decoded for the agent's own use (queue, answers) and
 * the exact bytes the hub sent, served to the kiosk as they are.
 *
 * @param receivedAt when the hub's message arrived: what the kiosk shows as "mis à jour à"
 */
public record HeldContent(PlaceContent content, byte[] raw, Instant receivedAt) {
    public HeldContent {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public long version() {
        return content.version();
    }
}
