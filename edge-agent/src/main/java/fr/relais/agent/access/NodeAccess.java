package fr.relais.agent.access;

import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Door access on one node runtime ({@code access:} configured): the held list and its store, the
 * pack day ledger, the door controller. Made by the runtime, closed with it; the list itself lives
 * in the node's database and outlasts both.
 */
public final class NodeAccess implements AutoCloseable {
    /** Staff and maintenance must reach the equipment to repair the link that is down. */
    static final Duration STAFF_REFUSE_AFTER_AT_LEAST = Duration.ofDays(30);

    private final AccessSettings settings;
    private final AccessListStore listStore;
    private final PackDayStore ledgerStore;
    private final AccessListHolder holder;
    private final DoorAccess doors;
    private final AccessListFeed feed;

    private NodeAccess(AccessSettings settings, AccessListStore listStore, PackDayStore ledgerStore,
                       AccessListHolder holder, DoorAccess doors, AccessListFeed feed) {
        this.feed = feed;
        this.settings = settings;
        this.listStore = listStore;
        this.ledgerStore = ledgerStore;
        this.holder = holder;
        this.doors = doors;
    }

    /**
     * @param devices the runtime's devices by id, looked up at each read (they are made after this)
     * @return empty when the node has no {@code access:} block
     */
    public static Optional<NodeAccess> open(NodeConfig config, AgentDatabase database, AccessLog log,
                                            Function<String, Optional<?>> devices, Clock clock) {
        if (config.access().isEmpty()) {
            return Optional.empty();
        }
        AccessSettings settings = config.access().get();
        AccessListStore listStore = new AccessListStore(database);
        PackDayStore ledgerStore = new PackDayStore(database);
        try {
            AccessListHolder holder = AccessListHolder.open(settings, config.site().id(), listStore);
            DoorAccess doors = new DoorAccess(config.doorLinks(), devices, holder::current, policy(settings),
                    ledgerStore.load(), ledgerStore::save, log, clock);
            AccessListFeed feed = new AccessListFeed(config.site().id(), holder, log, clock);
            return Optional.of(new NodeAccess(settings, listStore, ledgerStore, holder, doors, feed));
        } catch (RuntimeException e) {
            listStore.close();
            ledgerStore.close();
            throw e;
        }
    }

    /** The door's policy from {@code access.maxListAgeHours}: stale past it, members refused past it. */
    public static AccessPolicy policy(AccessSettings settings) {
        Duration max = settings.maxListAge();
        Duration staff = max.compareTo(STAFF_REFUSE_AFTER_AT_LEAST) > 0 ? max : STAFF_REFUSE_AFTER_AT_LEAST;
        return new AccessPolicy(max, Map.of(BadgeClass.MEMBER, max, BadgeClass.STAFF, staff,
                BadgeClass.MAINTENANCE, staff));
    }

    public AccessListHolder holder() {
        return holder;
    }

    public DoorAccess doors() {
        return doors;
    }

    /** Where the uplink hands the list's fragments. */
    public AccessListFeed feed() {
        return feed;
    }

    public DeviceReports routing(DeviceReports downstream) {
        return doors.routing(downstream);
    }

    /**
     * For the node's telemetry: the holder's, the age of the held list since the hub issued it
     * ({@code accessListAgeHours}, -1 without a list), {@code accessListStale} (1 past
     * {@code access.maxListAgeHours}, or without a list), and the door's counts.
     */
    public Map<String, Object> metrics(Instant now) {
        Map<String, Object> metrics = new LinkedHashMap<>(holder.metrics(now));
        Optional<HeldList> held = holder.current();
        Optional<Duration> age = held.map(list -> Duration.between(list.list().issuedAt(), now))
                .map(duration -> duration.isNegative() ? Duration.ZERO : duration);
        metrics.put("accessListAgeHours", age.map(Duration::toHours).orElse(-1L));
        metrics.put("accessListStale", age.map(duration -> duration.compareTo(settings.maxListAge()) > 0)
                .orElse(true) ? 1 : 0);
        metrics.putAll(doors.metrics());
        return metrics;
    }

    @Override
    public void close() {
        listStore.close();
        ledgerStore.close();
    }
}
