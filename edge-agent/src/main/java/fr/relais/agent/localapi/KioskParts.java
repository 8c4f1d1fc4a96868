package fr.relais.agent.localapi;

import fr.relais.agent.access.AccessLog;
import fr.relais.agent.content.HeldContent;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the kiosk API serves from, made by {@link KioskNode} on a node (tests make their own).
 *
 * @param linkUp      MQTT connected and the hub's state online
 * @param events      where kiosk events go: the outbox ({@code OutboxAccessLog})
 * @param kioskDevice the node's kiosk device id, named in the events
 * @param actions     the action ids issued to the kiosk (SQLite)
 */
public record KioskParts(String node, String site, String placeName, Supplier<Optional<HeldContent>> content,
                         BooleanSupplier linkUp, DeviceStates devices, BadgeReads reads, TicketBook tickets,
                         ActionBook actions, Optional<TicketPrinter> printer, MemberCheck members,
                         MaintenanceGate gate, AccessLog events, Optional<String> kioskDevice, Clock clock) {
}
