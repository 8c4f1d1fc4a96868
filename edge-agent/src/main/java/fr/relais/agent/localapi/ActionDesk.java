package fr.relais.agent.localapi;

import fr.relais.agent.access.AccessLog;
import fr.relais.agent.content.HeldContent;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import fr.relais.protocol.content.KioskActions;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The visitor's actions: each becomes a node event through the outbox, with an action id the hub's
 * answer (in the next content) refers to. Those the hub must decide are refused at once while the
 * link is down, nothing queued: a booking made offline could not be honoured. A coworking check-in
 * is decided here, from the node's access list; so is who books a room: the kiosk names a badge
 * read, never a member, as anyone holding the kiosk's token could name any member.
 */
final class ActionDesk {
    static final String OFFLINE_MESSAGE = "La réservation sera possible quand la connexion reviendra.";
    static final String STALE_READ = "Badge non lu ou lu il y a trop longtemps : passez-le à nouveau devant le lecteur.";
    static final String UNKNOWN_ACTION = "Cette demande est inconnue de la borne (elle a pu être perdue) :"
            + " recommencez, s'il vous plaît.";
    static final int MAX_FIRST_NAME = 40;

    private final AccessLog events;
    private final Optional<String> kioskDevice;
    private final BooleanSupplier linkUp;
    private final Supplier<Optional<HeldContent>> content;
    private final BadgeReads reads;
    private final MemberCheck members;
    private final IssuedActions issued;
    private final Clock clock;

    ActionDesk(AccessLog events, Optional<String> kioskDevice, BooleanSupplier linkUp,
               Supplier<Optional<HeldContent>> content, BadgeReads reads, MemberCheck members, IssuedActions issued,
               Clock clock) {
        this.events = events;
        this.kioskDevice = kioskDevice;
        this.linkUp = linkUp;
        this.content = content;
        this.reads = reads;
        this.members = members;
        this.issued = issued;
        this.clock = clock;
    }

    /** The answer's status code and body. */
    record Answer(int status, Map<String, Object> body) {
    }

    Answer act(StrictObject body) throws BadRequest {
        try {
            String type = body.text("type");
            if (KioskActions.COWORKING_CHECKIN.equals(type)) {
                return checkIn(body);
            }
            if (!KioskActions.NEED_THE_HUB.contains(type)) {
                throw new BadRequest("Requête invalide : type '" + TicketDesk.clip(type) + "' n'est pas l'une des"
                        + " actions " + KioskActions.NEED_THE_HUB + " ni " + KioskActions.COWORKING_CHECKIN
                        + " (un ticket se prend par /kiosk/v1/tickets).");
            }
            UUID action = UUID.randomUUID();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("action", action.toString());
            Optional<UUID> read = type.equals(KioskActions.ROOM_BOOK)
                    ? Optional.of(KioskJson.uuid("read", body.text("read"))) : Optional.empty();
            fields(type, body, data);
            body.finish();
            if (!linkUp.getAsBoolean()) {
                return new Answer(503, Map.of("error", "offline", "message", OFFLINE_MESSAGE));
            }
            if (read.isPresent()) {
                // The member the hub books for is the one of the badge just read, valid now.
                MemberCheck.Verdict verdict = memberOf(reads.badgeOf(read.get()));
                if (!verdict.valid()) {
                    return refused(verdict.message());
                }
                data.put("member", verdict.member().get());
            }
            issued.issued(action, type, clock.instant());
            events.record(kioskDevice, new DeviceEvent(type, Severity.INFO, "Demande de la borne (" + type + ")", data));
            return new Answer(202, Map.of("action", action.toString(), "state", "pending"));
        } catch (FieldException e) {
            throw KioskJson.invalid(e);
        }
    }

    /** The contract's fields of each action (ISSUE12 "Kiosk actions"), checked and copied into the event's data. */
    private static void fields(String type, StrictObject body, Map<String, Object> data)
            throws FieldException, BadRequest {
        switch (type) {
            case KioskActions.WORKSHOP_REGISTER -> {
                data.put("workshop", id(body, "workshop"));
                Optional<String> firstName = body.optionalText("firstName");
                if (firstName.isPresent()) {
                    data.put("firstName", firstName(firstName.get()));
                }
            }
            case KioskActions.WORKSHOP_CANCEL, KioskActions.APPOINTMENT_CANCEL -> data.put("code", code(body));
            case KioskActions.APPOINTMENT_BOOK -> {
                data.put("slot", id(body, "slot"));
                data.put("firstName", firstName(body.text("firstName")));
            }
            case KioskActions.ROOM_BOOK -> {
                // member: resolved from the badge read once the body is whole (see act).
                data.put("room", id(body, "room"));
                data.put("start", KioskJson.dateTime("start", body.text("start")));
                data.put("end", KioskJson.dateTime("end", body.text("end")));
            }
            default -> throw new IllegalStateException("no fields for " + type);
        }
    }

    private static String id(StrictObject body, String field) throws FieldException, BadRequest {
        String id = body.text(field);
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")) {
            throw new BadRequest("Requête invalide : " + field + " n'est pas un identifiant.");
        }
        return id;
    }

    private static String code(StrictObject body) throws FieldException, BadRequest {
        String code = body.text("code").strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z0-9]{4,12}")) {
            throw new BadRequest("Requête invalide : code n'est pas un code de réservation.");
        }
        return code;
    }

    private static String firstName(String text) throws BadRequest {
        String name = text.strip();
        if (name.isEmpty() || name.length() > MAX_FIRST_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("Requête invalide : firstName doit avoir 1 à " + MAX_FIRST_NAME + " caractères.");
        }
        return name;
    }

    /** Decided here: the read's badge, the access list, now. An event only when the member is known and valid. */
    private Answer checkIn(StrictObject body) throws FieldException, BadRequest {
        UUID read = KioskJson.uuid("read", body.text("read"));
        String direction = body.text("direction");
        if (!direction.equals("entry") && !direction.equals("exit")) {
            throw new BadRequest("Requête invalide : direction doit être entry ou exit.");
        }
        body.finish();
        Optional<String> badge = reads.badgeOf(read);
        MemberCheck.Verdict verdict = memberOf(badge);
        if (!verdict.valid()) {
            return refused(verdict.message());
        }
        UUID action = UUID.randomUUID();
        issued.issued(action, KioskActions.COWORKING_CHECKIN, clock.instant());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", action.toString());
        data.put("badgeHash", badge.get());
        data.put("member", verdict.member().get());
        data.put("direction", direction);
        events.record(kioskDevice, new DeviceEvent(KioskActions.COWORKING_CHECKIN, Severity.INFO,
                direction.equals("entry") ? "Arrivée au coworking" : "Départ du coworking", data));
        return new Answer(200, Map.of("state", "done", "member", verdict.member().get(), "action", action.toString()));
    }

    /** The member of a badge read at the kiosk (empty: not read, or too long ago), or the French reason why not. */
    private MemberCheck.Verdict memberOf(Optional<String> badge) {
        if (badge.isEmpty()) {
            return new MemberCheck.Verdict(Optional.empty(), Optional.empty(), STALE_READ);
        }
        return members.check(badge.get(), clock.instant());
    }

    private static Answer refused(String message) {
        return new Answer(200, Map.of("state", "refused", "message", message));
    }

    /**
     * An action's state from the hub's answers in the held content; pending while an action this
     * agent issued has none; a check-in is done (decided here). An id never issued here is a 404:
     * the kiosk must not wait for an answer that will never come.
     */
    Map<String, Object> status(String id) throws BadRequest {
        UUID action = KioskJson.uuid("action", id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", action.toString());
        Optional<PlaceContent.Answer> found = content.get().flatMap(held -> held.content().answers().stream()
                .filter(candidate -> candidate.action().equals(action.toString())).findFirst());
        if (found.isEmpty()) {
            // The hub's answer wins when there is one: it may name an action of before a wiped database.
            Optional<String> type = issued.typeOf(action);
            if (type.isEmpty()) {
                throw new BadRequest(404, "unknown-action", UNKNOWN_ACTION);
            }
            answer.put("state", KioskActions.COWORKING_CHECKIN.equals(type.get()) ? "done" : "pending");
            answer.put("code", null);
            answer.put("message", null);
            return answer;
        }
        answer.put("state", found.get().status());
        answer.put("code", found.get().code());
        answer.put("message", found.get().message());
        return answer;
    }

}
