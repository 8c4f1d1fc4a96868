package fr.relais.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Cursor;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The API's lists, a page at a time and filtered in SQL, on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class RegistryPagesTest {
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase testDatabase;

    private final MessageCodec codec = new MessageCodec();
    private Database database;
    private RegistryWriter writer;
    private RegistryReader reader;
    private long clock = 1_000;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        writer = new RegistryWriter(database, new IngestStats(), new StoredTotals());
        reader = new RegistryReader(database);
        // Two sites; rozoy has an offline node; every node has a printer and a probe.
        List<Received> batch = new ArrayList<>();
        for (String[] node : new String[][] {{"montcornet", "montcornet-pi"}, {"rozoy", "rozoy-pi"},
                {"rozoy", "rozoy-cowork-pi"}}) {
            batch.add(valid(Topic.Kind.STATE, node, Messages.state(Presence.ONLINE, 1)));
            batch.add(valid(Topic.Kind.BIRTH, node, Messages.birth(0, 1, "printer-1", "probe-1")));
            batch.add(valid(Topic.Kind.TELEMETRY, node, Messages.telemetry(1, "printer-1",
                    node[1].equals("rozoy-pi") ? Health.CRITICAL : Health.OK, 50)));
        }
        batch.add(valid(Topic.Kind.STATE, new String[] {"rozoy", "rozoy-cowork-pi"},
                Messages.state(Presence.LOST, 1)));
        for (int i = 0; i < 5; i++) {
            // Distinct payloads: the same bytes on the same topic would be one dead letter, counted twice.
            batch.add(new Received.Invalid("relais/v1/rozoy/rozoy-pi/telemetry", new byte[] {'x', (byte) i}, "payload",
                    "not valid JSON (" + i + ")", clock++));
        }
        batch.add(new Received.Invalid("relais/v1/montcornet/montcornet-pi/event", new byte[0], "payload", "empty",
                clock++));
        batch.add(new Received.Invalid("garbage/100%_done", new byte[0], "topic", "NOT a Relais topic", clock++));
        writer.write(batch);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private Received valid(Topic.Kind kind, String[] node, Message message) {
        return new Received.Valid(Topic.of(kind, node[0], node[1]), message, codec.encode(message), clock++);
    }

    private interface Lister<T> {
        Page<T> read(PageRequest page) throws BadCursorException;
    }

    /** Every page, following the cursors, checking that each says the same total. */
    private static <T, K> List<K> walk(int limit, Lister<T> list, Function<T, K> key) throws BadCursorException {
        List<K> keys = new ArrayList<>();
        Page<T> page = list.read(PageRequest.first(limit));
        long total = page.total();
        while (true) {
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(limit);
            assertThat(page.total()).isEqualTo(total);
            page.rows().forEach(row -> keys.add(key.apply(row)));
            if (page.next().isEmpty()) {
                break;
            }
            Cursor next = Cursor.parse(page.next().get().text());
            page = list.read(new PageRequest(limit, Optional.of(next)));
        }
        assertThat(keys).hasSize((int) total);
        return keys;
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws BadCursorException {
        assertThat(walk(2, page -> reader.devices(Filters.Devices.ALL, page), d -> d.node() + "/" + d.id()))
                .containsExactly("montcornet-pi/printer-1", "montcornet-pi/probe-1", "rozoy-cowork-pi/printer-1",
                        "rozoy-cowork-pi/probe-1", "rozoy-pi/printer-1", "rozoy-pi/probe-1");
        assertThat(walk(1, page -> reader.nodes(Filters.Nodes.ALL, page), Views.Node::id))
                .containsExactly("montcornet-pi", "rozoy-cowork-pi", "rozoy-pi");
        assertThat(walk(1, page -> reader.sites(Filters.Sites.ALL, page), Views.Site::id))
                .containsExactly("montcornet", "rozoy");
        assertThat(walk(3, page -> reader.deadLetters(Filters.DeadLetters.ALL, page), Views.DeadLetter::reason))
                .as("newest first").hasSize(7).startsWith("NOT a Relais topic", "empty", "not valid JSON (4)");
        assertThat(reader.devices(Filters.Devices.ALL, PageRequest.first(6)).next()).as("one exact page").isEmpty();
    }

    @Test
    void filtersAreAppliedBeforePagingAndCounting() throws BadCursorException {
        Page<Views.Node> online = reader.nodes(new Filters.Nodes("rozoy", true), PageRequest.first(10));
        assertThat(online.rows()).extracting(Views.Node::id).containsExactly("rozoy-pi");
        assertThat(online.total()).isEqualTo(1);
        assertThat(reader.nodes(new Filters.Nodes(null, false), PageRequest.first(10)).rows())
                .extracting(Views.Node::id).containsExactly("rozoy-cowork-pi");
        assertThat(walk(1, page -> reader.devices(new Filters.Devices("rozoy", null, "printer", null), page),
                Views.Device::node)).containsExactly("rozoy-cowork-pi", "rozoy-pi");
        assertThat(reader.devices(new Filters.Devices(null, null, null, "critical"), PageRequest.first(10)).rows())
                .extracting(Views.Device::node).containsExactly("rozoy-pi");
        assertThat(reader.devices(new Filters.Devices(null, "montcornet-pi", "probe", "unknown"),
                PageRequest.first(10)).total()).isEqualTo(1);
        assertThat(reader.sites(new Filters.Sites("van"), PageRequest.first(10)).total()).isZero();
    }

    @Test
    void deadLettersAreFoundByTheirTopicsNodeAndAPieceOfTheirReason() throws BadCursorException {
        assertThat(walk(2, page -> reader.deadLetters(new Filters.DeadLetters("rozoy-pi", null), page),
                Views.DeadLetter::reason)).hasSize(5).allMatch(reason -> reason.startsWith("not valid JSON"));
        assertThat(reader.deadLetters(new Filters.DeadLetters(null, "not a relais"), PageRequest.first(10)).rows())
                .as("any case").extracting(Views.DeadLetter::topic).containsExactly("garbage/100%_done");
        assertThat(reader.deadLetters(new Filters.DeadLetters(null, "100%"), PageRequest.first(10)).total())
                .as("% is a character, not a wildcard").isZero();
        assertThat(reader.deadLetters(new Filters.DeadLetters("montcornet-pi", "EMPTY"), PageRequest.first(10))
                .total()).isEqualTo(1);
    }

    @Test
    void aCursorOfAnotherListIsRefused() throws BadCursorException {
        Cursor ofDevices = reader.devices(Filters.Devices.ALL, PageRequest.first(1)).next().orElseThrow();
        Cursor ofLetters = reader.deadLetters(Filters.DeadLetters.ALL, PageRequest.first(1)).next().orElseThrow();
        assertThatThrownBy(() -> reader.nodes(Filters.Nodes.ALL, new PageRequest(1, Optional.of(ofDevices))))
                .isInstanceOf(BadCursorException.class);
        assertThatThrownBy(() -> reader.sites(Filters.Sites.ALL, new PageRequest(1, Optional.of(ofLetters))))
                .isInstanceOf(BadCursorException.class);
        assertThatThrownBy(() -> Cursor.parse("not*base64")).isInstanceOf(BadCursorException.class);
        assertThatThrownBy(() -> Cursor.parse("W3t9XQ")).as("[{}]").isInstanceOf(BadCursorException.class);
    }
}
