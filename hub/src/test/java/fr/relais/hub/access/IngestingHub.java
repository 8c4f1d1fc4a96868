package fr.relais.hub.access;

import static org.awaitility.Awaitility.await;

import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.Delivery;
import fr.relais.hub.ingest.HubLink;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Ingestor;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.ingest.write.IngestWriter;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The hub's ingestion as Hub wires it (broker session, queue, single writer) on a real broker and
 * database: what door nodes publish is stored, and the access lists publish through this link.
 */
final class IngestingHub implements AutoCloseable {
    final Database database;
    final HubLink link;
    final AccessListRows rows;
    private final IngestWriter writer;
    private final Thread writerThread;

    IngestingHub(String brokerUrl, String databaseUrl) {
        database = Database.open(databaseUrl);
        IngestStats stats = new IngestStats();
        BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(10_000);
        writer = new IngestWriter(queue, new RegistryWriter(database, stats, new StoredTotals()), stats, 1000);
        writerThread = new Thread(writer, "test-ingest-writer");
        writerThread.start();
        link = new HubLink(new MqttSettings(brokerUrl, "hub-access-test", Optional.empty(), Optional.empty()),
                new Ingestor(queue, stats, Clock.systemUTC()), Clock.systemUTC(), "session-1");
        link.start();
        await().atMost(Duration.ofSeconds(20)).until(link::isConnected);
        rows = new AccessListRows(database);
    }

    @Override
    public void close() throws InterruptedException {
        link.close();
        writer.stop();
        writerThread.join(10_000);
        database.close();
    }
}
