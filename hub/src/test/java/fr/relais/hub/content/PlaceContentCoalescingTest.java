package fr.relais.hub.content;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.NotSentException;
import fr.relais.protocol.content.InvalidContentException;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's own rules, with a transport of the test's (PlaceContentPublisherTest runs the
 * real broker): changes coalesced, every node of the site served, a failing part leaving only its
 * section empty, a refused publication counted and tried again.
 */
class PlaceContentCoalescingTest {
    private static final String SITE = "dizy-le-gros";
    private static final PlaceContent.Place PLACE = new PlaceContent.Place("Tiers-lieu de Dizy-le-Gros", "mediation",
            null, null, "Europe/Paris");
    /** Long enough that a second publication never comes within a test. */
    private static final PlaceContentPublisher.Timing SLOW = new PlaceContentPublisher.Timing(Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));

    private final List<String> topics = new CopyOnWriteArrayList<>();
    private final List<PlaceContent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean refuse;
    private TestDatabase testDatabase;
    private Database database;
    private PlaceContentPublisher publisher;

    @BeforeEach
    void open(@TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        database = Database.open(testDatabase.url());
        try (Connection connection = DriverManager.getConnection(testDatabase.url());
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO nodes (id, site_id, state) VALUES ('dizy-le-gros-pi', '" + SITE
                    + "', 'online'), ('dizy-le-gros-borne', '" + SITE + "', 'online'), ('spi-pi', 'spi', 'online')");
        }
    }

    @AfterEach
    void close() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        database.close();
        testDatabase.close();
    }

    private PlaceContentPublisher publisher(ContentParts parts) {
        publisher = new PlaceContentPublisher(parts, database.coworking(), new PlaceContentPublisher.Link() {
            @Override
            public CompletableFuture<Void> publishRetained(String topic, byte[] payload) throws NotSentException {
                if (refuse) {
                    throw new NotSentException("the broker is away", null);
                }
                try {
                    sent.add(PlaceContentCodec.decode(payload));
                } catch (InvalidContentException e) {
                    throw new AssertionError(e);
                }
                topics.add(topic);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean isConnected() {
                return true;
            }
        }, Clock.systemUTC(), SLOW);
        return publisher;
    }

    @Test
    void manyChangesMakeOnePublicationPerNodeThenWaitTheirTurn() throws Exception {
        PlaceContentPublisher publisher = publisher(ContentParts.of(site -> site.equals(SITE) ? PLACE : null));
        for (int i = 0; i < 20; i++) {
            publisher.changed(SITE);
        }
        publisher.changed("spi");
        publisher.changed("not a site id");
        publisher.flush();
        // The first change goes at once to both nodes of the site; the others wait for the next turn.
        assertThat(topics).containsExactlyInAnyOrder("relais/v1/dizy-le-gros/dizy-le-gros-pi/content",
                "relais/v1/dizy-le-gros/dizy-le-gros-borne/content");
        assertThat(sent).extracting(PlaceContent::version).containsOnly(sent.get(0).version());
        assertThat(sent.get(0).queue().waiting()).isZero();
        assertThat(sent.get(0).van().visits()).isEmpty();
    }

    @Test
    void aFailingPartEmptiesItsSectionOnly() throws Exception {
        PlaceContentPublisher publisher = publisher(ContentParts.of(site -> PLACE)
                .withHours(site -> {
                    throw new IllegalStateException("the hours' table is broken");
                })
                // A part may answer immutable lists; the content still goes.
                .withWorkshops((site, now) -> List.of())
                .withQueue((site, now) -> new PlaceContent.Queue(new ArrayList<>(), 3, 420, 7)));
        publisher.changed(SITE);
        publisher.flush();
        assertThat(sent).hasSize(2).allSatisfy(content -> {
            assertThat(content.hours().weekly()).isEmpty();
            assertThat(content.queue().waiting()).isEqualTo(3);
            assertThat(content.queue().averageServiceSeconds()).isEqualTo(420);
        });
    }

    @Test
    void aRefusedPublicationIsCountedAndTheNextChangeTriesAgain() throws Exception {
        PlaceContentPublisher publisher = publisher(ContentParts.of(site -> PLACE));
        refuse = true;
        publisher.changed("spi");
        publisher.flush();
        assertThat(publisher.failures()).isEqualTo(1);
        assertThat(sent).isEmpty();
        refuse = false;
        publisher.changedAll();
        publisher.flush();
        publisher.flush();
        assertThat(topics).contains("relais/v1/spi/spi-pi/content");
        assertThat(publisher.publications()).isPositive();
    }

    @Test
    void aFailureIsLoggedInWordsEvenWhenTheExceptionHasNoMessage() {
        assertThat(PlaceContentPublisher.why(new java.util.concurrent.TimeoutException()))
                .contains("did not acknowledge it within 30 s").doesNotContain("null");
        assertThat(PlaceContentPublisher.why(new java.util.concurrent.ExecutionException(
                new IllegalStateException()))).isEqualTo("IllegalStateException (no message)");
        assertThat(PlaceContentPublisher.why(new java.util.concurrent.ExecutionException(
                new java.io.IOException("connection lost")))).isEqualTo("connection lost (IOException)");
        assertThat(PlaceContentPublisher.why(new NotSentException("the hub is shutting down", null)))
                .isEqualTo("the hub is shutting down (NotSentException)");
    }
}
