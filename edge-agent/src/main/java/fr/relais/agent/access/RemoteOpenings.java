package fr.relais.agent.access;

import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.command.Outcome;
import fr.relais.protocol.ReplyStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's {@code open-door} command logged like a badge's grant ({@code access-granted}, reason
 * {@code remote}, with the command's request id), once the door said it released the strike. An
 * expired or refused command never reaches the door (the command service answers it), so it is
 * never logged as an opening.
 */
public final class RemoteOpenings {
    public static final String OPEN_DOOR = "open-door";

    private RemoteOpenings() {
    }

    /** The handlers with {@code open-door} wrapped; the others as they are. */
    public static Map<String, CommandHandler> logged(Map<String, CommandHandler> handlers, DoorAccess doors) {
        CommandHandler open = handlers.get(OPEN_DOOR);
        if (open == null) {
            return handlers;
        }
        Map<String, CommandHandler> wrapped = new LinkedHashMap<>(handlers);
        wrapped.put(OPEN_DOOR, command -> {
            Outcome outcome = open.execute(command);
            if (outcome.status() == ReplyStatus.OK && command.args().get("device") instanceof String door) {
                doors.openedRemotely(door, command.requestId());
            }
            return outcome;
        });
        return wrapped;
    }
}
