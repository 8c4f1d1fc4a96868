package fr.relais.agent.access;

import fr.relais.agent.config.DoorLink;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.agent.device.gpio.DoorStrike;
import fr.relais.agent.device.gpio.SignalPattern;
import fr.relais.agent.device.gpio.StatusSignals;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.access.BadgeGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door controller of a node: a badge read at a reader linked to a door is decided on the Pi
 * ({@link DoorDecisions}, with the held list and this node's pack day ledger), the strike released
 * or not, the door's and the reader's LED and buzzer say so, and the decision is logged. Nothing
 * here waits for the broker or the hub.
 *
 * <p>Reads arrive on device threads (a Wiegand frame on the timer thread, a serial or USB reader on
 * its own). Only the decision and the ledger are under this object's lock; the strike, the signals
 * and the log are not, so a slow outbox never holds the next badge at another door.
 */
public final class DoorAccess {
    private static final Logger LOG = LoggerFactory.getLogger(DoorAccess.class);

    private final Map<String, DoorLink> byReader = new LinkedHashMap<>();
    private final Function<String, Optional<?>> devices;
    private final Supplier<Optional<HeldList>> lists;
    private final AccessPolicy policy;
    private final Consumer<PackDayLedger> keepLedger;
    private final AccessLog log;
    private final Clock clock;
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong denied = new AtomicLong();
    private final AtomicLong strikeFailures = new AtomicLong();
    private PackDayLedger ledger;
    /** The list the ledger was last reconciled with; a new one may show days the hub counted. */
    private HeldList reconciledWith;

    /**
     * @param devices    the node's devices by id (the door implements {@link DoorStrike} and
     *                   {@link StatusSignals}; a reader with a LED implements the latter)
     * @param lists      the list held now ({@link AccessListHolder#current()})
     * @param ledger     the pack days this node counted, as stored
     * @param keepLedger stores the ledger after each change, before the door opens
     */
    public DoorAccess(List<DoorLink> links, Function<String, Optional<?>> devices, Supplier<Optional<HeldList>> lists,
                      AccessPolicy policy, PackDayLedger ledger, Consumer<PackDayLedger> keepLedger, AccessLog log,
                      Clock clock) {
        links.forEach(link -> byReader.put(link.reader(), link));
        this.devices = devices;
        this.lists = lists;
        this.policy = policy;
        this.ledger = ledger;
        this.keepLedger = keepLedger;
        this.log = log;
        this.clock = clock;
    }

    /** Whether this reader opens a door (it then sends no plain {@code badge} event). */
    public boolean opensADoor(String reader) {
        return byReader.containsKey(reader);
    }

    /**
     * The reports of the node's devices, with the badge reads of linked readers turned into door
     * decisions; everything else goes on to {@code downstream} unchanged.
     */
    public DeviceReports routing(DeviceReports downstream) {
        return new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
                downstream.reading(deviceId, reading);
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
                DoorLink link = byReader.get(deviceId);
                if (link != null && BadgeEvents.READ.equals(event.type())
                        && event.data().get("badgeHash") instanceof String hash) {
                    read(link, hash, clock.instant());
                } else {
                    downstream.event(deviceId, event);
                }
            }
        };
    }

    /** A badge read at {@code reader} now; empty if the reader opens no door. */
    public Optional<DoorDecision> read(String reader, String badgeHash) {
        DoorLink link = byReader.get(reader);
        return link == null ? Optional.empty() : Optional.of(read(link, badgeHash, clock.instant()));
    }

    /** Decides, opens (or not), signals, logs: in that order, so the log never delays the door. */
    public DoorDecision read(DoorLink link, String badgeHash, Instant now) {
        DoorDecision decision;
        Optional<HeldList> held;
        synchronized (this) {
            held = lists.get();
            reconcile(held);
            decision = DoorDecisions.decide(held, badgeHash, link.door(), now, policy, ledger);
            if (decision.packDayToCount().isPresent()) {
                ledger = ledger.counted(decision.member().orElseThrow(), decision.packDayToCount().get());
                keep();
            }
        }
        if (decision.granted()) {
            granted.incrementAndGet();
            open(link);
        } else {
            denied.incrementAndGet();
            signal(link.door(), SignalPattern.DENIED);
            signal(link.reader(), SignalPattern.DENIED);
        }
        Optional<BadgeGrant> grant = held.flatMap(list -> list.grant(badgeHash));
        long version = held.map(list -> list.list().version()).orElse(0L);
        log.record(Optional.of(link.door()), AccessEvents.decision(decision, badgeHash, grant, link.door(),
                link.reader(), link.direction(), version));
        return decision;
    }

    /** The hub's {@code open-door} released the strike of {@code door}: logged like a badge's grant. */
    public void openedRemotely(String door, UUID requestId) {
        granted.incrementAndGet();
        long version = lists.get().map(list -> list.list().version()).orElse(0L);
        log.record(Optional.of(door), AccessEvents.remote(door, requestId, version));
    }

    private void open(DoorLink link) {
        Optional<?> door = devices.apply(link.door());
        boolean released = door.isPresent() && door.get() instanceof DoorStrike strike && strike.grant();
        if (!released) {
            // Granted by the list, yet shut: the door device is not open (wiring, GPIO busy). Said loudly.
            strikeFailures.incrementAndGet();
            LOG.error("{}: access granted at reader {} but the strike could not be released (door device {})",
                    link.door(), link.reader(), door.isPresent() ? "not open" : "missing");
        }
        signal(link.reader(), SignalPattern.GRANTED);
    }

    private void signal(String deviceId, SignalPattern pattern) {
        devices.apply(deviceId).ifPresent(device -> {
            if (device instanceof StatusSignals signals) {
                signals.signal(pattern);
            }
        });
    }

    private void reconcile(Optional<HeldList> held) {
        if (held.isPresent() && held.get() != reconciledWith) {
            reconciledWith = held.get();
            PackDayLedger next = ledger.reconciledWith(held.get().list());
            if (!next.state().equals(ledger.state())) {
                ledger = next;
                keep();
            }
        }
    }

    private void keep() {
        try {
            keepLedger.accept(ledger);
        } catch (StorageException e) {
            // The day is counted in memory and travels in the access event; only a restart would forget it.
            LOG.warn("cannot store the pack day ledger: {}", e.getMessage());
        }
    }

    /** For the node's telemetry. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("accessGranted", granted.get());
        metrics.put("accessDenied", denied.get());
        metrics.put("accessStrikeFailures", strikeFailures.get());
        return metrics;
    }

    /** The ledger as it stands, for tests and diagnostics. */
    public synchronized PackDayLedger ledger() {
        return ledger;
    }
}
