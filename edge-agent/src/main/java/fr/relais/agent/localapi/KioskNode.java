package fr.relais.agent.localapi;

import fr.relais.agent.access.AccessLog;
import fr.relais.agent.access.AccessPolicy;
import fr.relais.agent.access.HeldList;
import fr.relais.agent.access.NodeAccess;
import fr.relais.agent.config.KioskApiSettings;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.content.ContentFeed;
import fr.relais.agent.content.ContentStore;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The kiosk side of a node runtime ({@code kioskApi:} configured): the content feed and its store,
 * the ticket book, the taps on the devices' reports (latest states, the kiosk reader's reads), and
 * the API once the runtime's devices and uplink exist. Made and closed with the runtime.
 */
public final class KioskNode implements AutoCloseable {
    private final NodeConfig config;
    private final KioskApiSettings settings;
    private final AccessLog events;
    private final Optional<NodeAccess> access;
    private final Clock clock;
    private final ContentStore contentStore;
    private final ContentFeed feed;
    private final TicketBook tickets;
    private final ActionBook actions;
    private BadgeReads reads;
    private DeviceStates states;
    private KioskApi api;

    private KioskNode(NodeConfig config, KioskApiSettings settings, AccessLog events, Optional<NodeAccess> access,
                      Clock clock, ContentStore contentStore, ContentFeed feed, TicketBook tickets,
                      ActionBook actions) {
        this.config = config;
        this.settings = settings;
        this.events = events;
        this.access = access;
        this.clock = clock;
        this.contentStore = contentStore;
        this.feed = feed;
        this.tickets = tickets;
        this.actions = actions;
    }

    /** @return empty when the node has no {@code kioskApi:} block: nothing changes for it */
    public static Optional<KioskNode> open(NodeConfig config, AgentDatabase database,
                                           AccessLog events, Optional<NodeAccess> access, Clock clock) {
        if (config.kioskApi().isEmpty()) {
            return Optional.empty();
        }
        ContentStore store = new ContentStore(database);
        TicketBook tickets;
        ActionBook actions;
        try {
            tickets = new TicketBook(database);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            actions = new ActionBook(database);
        } catch (RuntimeException e) {
            tickets.close();
            store.close();
            throw e;
        }
        ContentFeed feed = ContentFeed.open(config.site().id(), store, clock);
        return Optional.of(new KioskNode(config, config.kioskApi().get(), events, access, clock, store, feed, tickets,
                actions));
    }

    /** Where the uplink hands the hub's content. */
    public ContentFeed feed() {
        return feed;
    }

    /** The devices' reports with the kiosk's taps in front; call once, before the devices are made. */
    public DeviceReports routing(DeviceReports downstream) {
        reads = new BadgeReads(settings.reader().orElse(""), downstream, clock);
        states = new DeviceStates(reads);
        return states;
    }

    /** Serves the kiosk; the runtime's devices and uplink exist now. */
    public void start(BooleanSupplier linkUp, Supplier<List<Birth.DeviceInfo>> devices) {
        states.describedBy(devices);
        Supplier<Optional<HeldList>> lists = access.isPresent() ? access.get().holder()::current : Optional::empty;
        AccessPolicy policy = config.access().map(NodeAccess::policy).orElse(AccessPolicy.defaults());
        MemberCheck members = new MemberCheck(lists, policy);
        MaintenanceGate gate = new MaintenanceGate(settings.maintenancePin(),
                hash -> settings.technicianBadges().contains(hash) || members.isTechnician(hash, Instant.now(clock)),
                clock);
        Optional<String> kioskDevice = config.devices().stream().filter(device -> device.kind() == DeviceKind.KIOSK)
                .map(device -> device.id()).findFirst();
        KioskParts parts = new KioskParts(config.node(), config.site().id(), config.site().name(), feed::current,
                linkUp, states, reads, tickets, actions, settings.ticketPrinter().map(TicketPrinter::new), members, gate, events,
                kioskDevice, clock);
        try {
            api = KioskApi.start(parts, settings.port(), settings.linkFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("kioskApi: cannot serve on 127.0.0.1:" + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }

    public Optional<KioskApi> api() {
        return Optional.ofNullable(api);
    }

    /** For the node's telemetry: the content's version and refusals, the API's counts. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>(feed.metrics());
        if (api != null) {
            metrics.putAll(api.metrics());
        }
        return metrics;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        tickets.close();
        actions.close();
        contentStore.close();
    }
}
