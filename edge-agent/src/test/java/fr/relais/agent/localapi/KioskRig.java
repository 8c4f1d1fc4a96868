package fr.relais.agent.localapi;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.agent.access.AccessListHolder;
import fr.relais.agent.access.AccessListStore;
import fr.relais.agent.access.AccessPolicy;
import fr.relais.agent.access.OutboxAccessLog;
import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.config.ClockSource;
import fr.relais.agent.config.KioskApiSettings;
import fr.relais.agent.content.ContentFeed;
import fr.relais.agent.content.ContentStore;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.kiosk.MutableClock;
import fr.relais.agent.outbox.Lane;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.outbox.Outbox;
import fr.relais.agent.outbox.OutboxEntry;
import fr.relais.agent.outbox.OutboxLimits;
import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Topic;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListCodec;
import fr.relais.protocol.access.AccessListSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A kiosk API over real HTTP on a free loopback port, with the node's real parts behind it: the
 * SQLite file, the outbox (events read back from it), the content feed, a signed access list held
 * by the real holder. Only the clock and the link's state are the test's.
 */
final class KioskRig implements AutoCloseable {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";
    static final String READER = "lecteur-borne";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final MutableClock clock;
    final AtomicBoolean linkUp = new AtomicBoolean(false);
    final KeyPair hubKey = AccessKeys.generate();
    final HttpClient http = HttpClient.newHttpClient();
    final MessageCodec codec = new MessageCodec();
    AgentDatabase database;
    Outbox outbox;
    ContentStore contentStore;
    ContentFeed feed;
    TicketBook tickets;
    ActionBook actions;
    AccessListStore listStore;
    AccessListHolder holder;
    DeviceStates states;
    BadgeReads reads;
    KioskApi api;
    Optional<KioskApiSettings.PrinterTarget> printer = Optional.empty();
    Optional<MaintenancePin> pin = Optional.empty();
    List<String> technicianBadges = List.of();

    KioskRig(Path dir, Instant start) {
        this.dir = dir;
        this.clock = new MutableClock(start);
    }

    KioskRig start() throws Exception {
        database = AgentDatabase.open(dir.resolve("agent.db"));
        outbox = new Outbox(database, OutboxLimits.defaults(), clock, NODE);
        MessageEmitter emitter = new MessageEmitter(outbox, codec);
        Envelopes envelopes = new Envelopes(-1, new ClockWatch(clock, ClockSource.ALWAYS_SYNCED, dir.resolve("none")));
        contentStore = new ContentStore(database);
        feed = ContentFeed.open(SITE, contentStore, clock);
        tickets = new TicketBook(database);
        actions = new ActionBook(database);
        listStore = new AccessListStore(database);
        holder = AccessListHolder.open(new AccessSettings(hubKey.getPublic(), Duration.ofHours(168)), SITE, listStore);
        DeviceReports nowhere = new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
            }
        };
        reads = new BadgeReads(READER, nowhere, clock);
        states = new DeviceStates(reads);
        states.describedBy(() -> List.of(new Birth.DeviceInfo("imprimante", DeviceKind.PRINTER, "Imprimante", false),
                new Birth.DeviceInfo("borne", DeviceKind.KIOSK, "Borne", true)));
        MemberCheck members = new MemberCheck(holder::current, AccessPolicy.defaults());
        MaintenanceGate gate = new MaintenanceGate(pin,
                hash -> technicianBadges.contains(hash) || members.isTechnician(hash, clock.instant()), clock);
        KioskParts parts = new KioskParts(NODE, SITE, "Tiers-lieu de Montcornet", feed::current, linkUp::get, states,
                reads, tickets, actions, printer.map(TicketPrinter::new), members, gate,
                new OutboxAccessLog(emitter, envelopes), Optional.of("borne"), clock);
        api = KioskApi.start(parts, 0, dir.resolve("run/kiosk-link.json"));
        return this;
    }

    /** Closes everything but the database file: {@link #start()} again is a restart of the agent. */
    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        tickets.close();
        actions.close();
        contentStore.close();
        listStore.close();
    }

    void holdList(AccessList list) throws Exception {
        holder.offer(new AccessListSigner(hubKey.getPrivate(), new AccessListCodec()).sign(list), clock.instant());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + api.token()).GET().build());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + api.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(api.url() + path);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** The events of that type the outbox holds (in its priority lane), once at least {@code count} are stored. */
    List<Event> outboxEvents(String type, int count) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> events(type).size() >= count);
        return events(type);
    }

    List<Event> events(String type) throws Exception {
        List<Event> found = new ArrayList<>();
        for (OutboxEntry entry : outbox.next(Lane.PRIORITY, 0, 1_000).entries()) {
            if (codec.decode(Topic.of(entry.kind(), SITE, NODE), entry.payload()) instanceof Event event
                    && event.type().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }
}
