package fr.relais.agent.access;

import fr.relais.agent.config.Direction;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import fr.relais.protocol.access.AccessReason;
import fr.relais.protocol.access.BadgeGrant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The access events of a door node, with the fields the hub's access log reads (ISSUE 11 contract). */
public final class AccessEvents {
    public static final String GRANTED = "access-granted";
    public static final String DENIED = "access-denied";
    public static final String LIST = "access-list";

    private AccessEvents() {
    }

    /** A badge read at a door, granted or denied; {@code grant} is the list's entry for the badge, if any. */
    static DeviceEvent decision(DoorDecision decision, String badgeHash, Optional<BadgeGrant> grant, String door,
                                String reader, Direction direction, long listVersion) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("badgeHash", badgeHash);
        decision.member().ifPresent(member -> data.put("member", member));
        data.put("door", door);
        data.put("reader", reader);
        data.put("direction", direction.wire());
        data.put("reason", decision.reason().wire());
        grant.ifPresent(known -> data.put("badgeClass", known.badgeClass().name().toLowerCase(Locale.ROOT)));
        data.put("listVersion", listVersion);
        decision.packDayToCount().ifPresent(day -> data.put("packDay", day.toString()));
        return decision.granted()
                ? new DeviceEvent(GRANTED, Severity.INFO, "Accès autorisé (" + decision.reason().wire() + ")", data)
                : new DeviceEvent(DENIED, Severity.INFO, "Accès refusé (" + decision.reason().wire() + ")", data);
    }

    /**
     * The node's list, for the hub to send what it lacks.
     *
     * @param outcome {@code connected}, {@code accepted}, {@code refused} or {@code ignored}
     * @param reason  the refusal's reason as on the wire ({@code bad-signature}), for refused and ignored
     */
    static DeviceEvent list(Optional<HeldList> held, String outcome, Optional<String> reason, boolean needSnapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", held.map(list -> list.list().version()).orElse(0L));
        held.ifPresent(list -> data.put("issuedAt", list.list().issuedAt().toString()));
        data.put("outcome", outcome);
        reason.ifPresent(why -> data.put("reason", why));
        data.put("needSnapshot", needSnapshot);
        boolean refused = "refused".equals(outcome);
        return new DeviceEvent(LIST, refused ? Severity.WARNING : Severity.INFO, refused
                ? "Liste d'accès refusée (" + reason.orElse("") + ") : la porte garde la précédente"
                : "Liste d'accès version " + data.get("version") + " (" + outcome + ")", data);
    }

    /** The hub's {@code open-door} command released the strike. */
    static DeviceEvent remote(String door, UUID requestId, long listVersion) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("door", door);
        data.put("direction", Direction.ENTRY.wire());
        data.put("reason", AccessReason.REMOTE.wire());
        data.put("listVersion", listVersion);
        data.put("requestId", requestId.toString());
        return new DeviceEvent(GRANTED, Severity.INFO, "Porte ouverte à distance", data);
    }
}
