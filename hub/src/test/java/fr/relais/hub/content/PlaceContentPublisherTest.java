package fr.relais.hub.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.Delivery;
import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Ingestor;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.ingest.write.IngestWriter;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.hub.queue.QueueParts;
import fr.relais.hub.queue.QueueStore;
import fr.relais.hub.queue.TicketTaken;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.Topic;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk content end to end on a real broker and database: the hub's ingestion (broker session,
 * single writer, the kiosk actions' dispatcher) and the publisher as the hub wires them, and a
 * client reading the content topics as an agent does, decoding with {@link PlaceContentCodec}.
 */
class PlaceContentPublisherTest {
    private static final String SITE = "brunehamel";
    private static final String NODE = "brunehamel-pi";
    private static final String UNKNOWN_SITE = "ailleurs";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final PlaceContent.Place PLACE = new PlaceContent.Place("Tiers-lieu de Brunehamel", "mediation",
            "brunehamel", "Brunehamel", "Europe/Paris");

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private final List<PlaceContent> received = new CopyOnWriteArrayList<>();
    private final List<String> topics = new CopyOnWriteArrayList<>();
    private TestDatabase testDatabase;
    private Database database;
    private HubLink link;
    private IngestWriter writer;
    private Thread writerThread;
    private PlaceContentPublisher publisher;
    private MqttClient node;
    private MqttClient agent;
    private QueueStore queue;
    private long seq;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        database = Database.open(testDatabase.url());
        queue = new QueueStore(database.coworking());
        ContentParts parts = ContentParts.of(site -> site.equals(SITE) ? PLACE : null)
                .withHours(site -> new PlaceContent.Hours(new java.util.ArrayList<>(List.of(
                        new PlaceContent.Period("TUESDAY", "09:00", "12:00"))), new java.util.ArrayList<>()))
                .withQueue(new QueueParts(queue)::queue);
        IngestStats stats = new IngestStats();
        BlockingQueue<Delivery> deliveries = new ArrayBlockingQueue<>(1000);
        link = new HubLink(new MqttSettings(broker.url(), "hub-content-test", Optional.empty(), Optional.empty()),
                new Ingestor(deliveries, stats, Clock.systemUTC()), Clock.systemUTC(), "session-1");
        publisher = new PlaceContentPublisher(parts, database.coworking(), PlaceContentPublisher.Link.of(link),
                Clock.systemUTC(), new PlaceContentPublisher.Timing(Duration.ofMillis(200), Duration.ofMinutes(5),
                Duration.ofMillis(100), Duration.ofSeconds(1)));
        KioskActions actions = new KioskActions(publisher).register(new TicketTaken()).register(new BookingStub());
        writer = new IngestWriter(deliveries, new RegistryWriter(database, stats, new StoredTotals())
                .storedEvents(actions), stats, 1000);
        writerThread = new Thread(writer, "test-ingest-writer");
        writerThread.start();
        node = new MqttClient(broker.url(), "fake-node", new MemoryPersistence());
        node.connect();
        // The nodes are known before the hub starts publishing: one of a place, one of a site without place.
        link.start();
        await().atMost(PATIENCE).until(link::isConnected);
        node.publish(Topic.of(Topic.Kind.STATE, SITE, NODE).path(), codec.encode(new NodeState(Presence.ONLINE, 1,
                Instant.now())), 1, false);
        node.publish(Topic.of(Topic.Kind.STATE, UNKNOWN_SITE, UNKNOWN_SITE + "-pi").path(), codec.encode(
                new NodeState(Presence.ONLINE, 1, Instant.now())), 1, false);
        await().atMost(PATIENCE).until(() -> new ContentRows(database.coworking()).sites().size() == 2);
        agent = subscriber(broker.url(), "agent-1");
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        agent.disconnect();
        node.disconnect();
        link.close();
        writer.stop();
        writerThread.join(10_000);
        database.close();
        testDatabase.close();
    }

    @Test
    void theNodeHoldsItsPlacesContentRetainedAndSeesTheQueueMove(MosquittoProcess broker) throws Exception {
        publisher.start();
        PlaceContent first = await().atMost(PATIENCE).until(this::latest, content -> content != null);
        assertThat(first.site()).isEqualTo(SITE);
        assertThat(first.place()).isEqualTo(PLACE);
        assertThat(first.hours().weekly()).hasSize(1);
        assertThat(first.queue().waiting()).isZero();
        assertThat(first.workshops()).isEmpty();

        // A visitor takes a ticket at the kiosk: the agent's event goes through ingestion.
        String day = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        publishEvent("ticket-taken", Map.of("ticket", UUID.randomUUID().toString(), "number", 1L, "label", "C1",
                "topic", "caf", "day", day, "takenAt", Instant.now().toString()));
        await().atMost(PATIENCE).until(() -> latest().queue().waiting() == 1);

        // The mediator calls it (as the route does: the store, then the change).
        queue.callNext(SITE, LocalDate.parse(day), "Bureau 1", System.currentTimeMillis());
        publisher.changed(SITE);
        PlaceContent called = await().atMost(PATIENCE).until(this::latest, content -> !content.queue().calling()
                .isEmpty());
        assertThat(called.queue().calling().get(0).label()).isEqualTo("C1");
        assertThat(called.queue().calling().get(0).desk()).isEqualTo("Bureau 1");
        assertThat(called.queue().waiting()).isZero();

        // A booking at the kiosk is answered in this node's content.
        String action = UUID.randomUUID().toString();
        publishEvent("appointment-book", Map.of("action", action, "slot", "s1", "firstName", "Jeanne"));
        PlaceContent answered = await().atMost(PATIENCE).until(this::latest, content -> !content.answers().isEmpty());
        assertThat(answered.answers()).containsExactly(new PlaceContent.Answer(action, "done", "K7P2QX", null));

        List<Long> versions = received.stream().map(PlaceContent::version).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
        // Nothing for a site no place is known for; only the node's own topic.
        assertThat(topics).containsOnly(Topic.content(SITE, NODE).path());

        // An agent that (re)connects later gets the latest at once: it is retained.
        received.clear();
        MqttClient late = subscriber(broker.url(), "agent-2");
        try {
            PlaceContent retained = await().atMost(PATIENCE).until(this::latest, content -> content != null);
            assertThat(retained.version()).isGreaterThanOrEqualTo(answered.version());
            assertThat(retained.answers()).hasSize(1);
        } finally {
            late.disconnect();
        }
    }

    @Test
    void changesWhileTheLinkIsDownArePublishedOnceItIsUp() throws Exception {
        // Not started: as in a hub whose broker session is not up yet, a change waits.
        publisher.changed(SITE);
        publisher.flush();
        assertThat(received).isEmpty();
        publisher.start();
        PlaceContent content = await().atMost(PATIENCE).until(this::latest, found -> found != null);
        assertThat(content.site()).isEqualTo(SITE);
        assertThat(publisher.publications()).isPositive();
    }

    @Test
    void aNodeSeenForTheFirstTimeGetsItsPlacesContentWithoutWaitingForAChange() throws Exception {
        publisher.start();
        await().atMost(PATIENCE).until(() -> topics.contains(Topic.content(SITE, NODE).path()));
        // A second node of the place comes up after the first publication, and nothing changes.
        String second = NODE + "-2";
        node.publish(Topic.of(Topic.Kind.STATE, SITE, second).path(), codec.encode(new NodeState(Presence.ONLINE, 1,
                Instant.now())), 1, false);
        await().atMost(PATIENCE).until(() -> topics.contains(Topic.content(SITE, second).path()));
        assertThat(received).extracting(PlaceContent::site).containsOnly(SITE);
    }

    private PlaceContent latest() {
        return received.isEmpty() ? null : received.get(received.size() - 1);
    }

    private MqttClient subscriber(String url, String id) throws Exception {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        client.connect();
        client.subscribe("relais/v1/+/+/content", 1, (topic, message) -> {
            topics.add(topic);
            received.add(PlaceContentCodec.decode(message.getPayload()));
        });
        return client;
    }

    private void publishEvent(String type, Map<String, Object> data) throws Exception {
        Event event = new Event(new Envelope(MessageIds.next(), ++seq, Instant.now(), ClockConfidence.SYNCED),
                Optional.of("borne"), type, Severity.INFO, type, data);
        node.publish(Topic.of(Topic.Kind.EVENT, SITE, NODE).path(), codec.encode(event), 1, false);
    }

    /** The bookings helper's handler, stood in for: every booking done with the same code. */
    private static final class BookingStub implements KioskActionHandler {
        @Override
        public String type() {
            return "appointment-book";
        }

        @Override
        public Optional<ActionAnswer> handle(java.sql.Connection writer, String site, String node, Event event,
                                             long receivedAt) {
            return Optional.of(ActionAnswer.done("K7P2QX"));
        }
    }
}
