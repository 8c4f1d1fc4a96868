package fr.relais.agent.outbox;

import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.Reply;
import fr.relais.protocol.Severity;
import fr.relais.protocol.content.KioskActions;

/**
 * The two queues of the outbox. When the link comes back, the priority lane is sent first;
 * when the outbox is full, only routine messages are evicted, oldest first.
 */
public enum Lane {
    /**
     * Alarms (warning and critical events), access logs, command replies and the visitors' kiosk
     * actions (a ticket taken offline must reach the hub's queue): never evicted.
     */
    PRIORITY("outbox_priority"),
    /** Telemetry and informational events. */
    ROUTINE("outbox_routine");

    private final String table;

    Lane(String table) {
        this.table = table;
    }

    String table() {
        return table;
    }

    /** Which lane a message travels in. */
    public static Lane of(Message message) {
        if (message instanceof Reply) {
            return PRIORITY;
        }
        if (message instanceof Event event) {
            boolean alarm = event.severity() != Severity.INFO;
            boolean accessLog = event.type().startsWith("access-");
            boolean visitor = KioskActions.TICKET_TAKEN.equals(event.type())
                    || KioskActions.COWORKING_CHECKIN.equals(event.type())
                    || KioskActions.NEED_THE_HUB.contains(event.type());
            return alarm || accessLog || visitor ? PRIORITY : ROUTINE;
        }
        return ROUTINE;
    }
}
