package fr.relais.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /metrics, scraped over HTTP as Prometheus would, after a node's messages went through Mosquitto. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class MetricsEndpointTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private final MessageCodec codec = new MessageCodec();
    private TestDatabase testDatabase;
    private HubUnderTest hub;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        testDatabase = TestDatabase.create(kind, dir);
        hub = HubUnderTest.start(broker.url(), testDatabase.url());
        await().atMost(PATIENCE).until(() -> scrape().get("relais_mqtt_connected") == 1);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        testDatabase.close();
    }

    private void publish(Topic.Kind kind, byte[] payload) throws Exception {
        hub.publish(kind, payload);
    }

    private void publish(Topic.Kind kind, Message message) throws Exception {
        hub.publish(kind, message);
    }

    private HttpResponse<String> get() throws Exception {
        return hub.api().get("/metrics");
    }

    /** The samples of the exposition, by name and labels as written: {@code name{label="v"}}. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    @Test
    void countsWhatWasReceivedStoredDroppedAndRefused() throws Exception {
        publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(Topic.Kind.BIRTH, Messages.birth(0, 1, "printer-1"));
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(1, "printer-1", Health.OK, 90));
        byte[] twice = codec.encode(Messages.telemetry(2, "printer-1", Health.OK, 89));
        publish(Topic.Kind.TELEMETRY, twice);
        publish(Topic.Kind.TELEMETRY, twice);
        publish(Topic.Kind.TELEMETRY, Messages.telemetry(5, "printer-1", Health.WARNING, 12));
        publish(Topic.Kind.TELEMETRY, "{\"schema\":1,".getBytes());
        Map<String, Double> metrics = await().atMost(PATIENCE).until(this::scrape,
                m -> m.get("relais_ingest_received_total") == 7 && m.get("relais_ingest_queue_depth") == 0
                        && m.get("relais_ingest_stored_total") + m.get("relais_ingest_duplicates_dropped_total")
                        + m.get("relais_ingest_dead_letters_total") == 7
                        // counted as each is applied; the batch figures once it is committed
                        && m.get("relais_db_batch_size_messages_sum") == 7);

        assertThat(metrics.get("relais_ingest_stored_total")).isEqualTo(5);
        assertThat(metrics.get("relais_ingest_duplicates_dropped_total")).isEqualTo(1);
        assertThat(metrics.get("relais_ingest_dead_letters_total")).isEqualTo(1);
        assertThat(metrics.get("relais_sequence_gaps")).as("3 and 4 never came").isEqualTo(2);
        assertThat(metrics.get("relais_stored_rows{table=\"telemetry\"}")).isEqualTo(3);
        assertThat(metrics.get("relais_stored_rows{table=\"dead_letters\"}")).isEqualTo(1);
        assertThat(metrics.get("relais_ingest_queue_capacity")).isPositive();
        System.gc();
        assertThat(scrape().get("relais_ingest_queue_depth")).as("still read after a collection").isZero();
        assertThat(metrics.get("relais_mqtt_connected")).isEqualTo(1);
        assertThat(metrics.get("relais_alerts_open")).isZero();
        assertThat(metrics.get("relais_db_batch_commit_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("relais_db_batch_commit_seconds_sum")).isPositive();
        assertThat(metrics.get("relais_db_batch_commit_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(metrics.get("relais_db_batch_commit_seconds_count"));
        assertThat(metrics).containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}");
    }

    @Test
    void isPrometheusTextWithHelpAndTypes() throws Exception {
        HttpResponse<String> response = get();
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE relais_ingest_received_total counter",
                "# HELP relais_ingest_received_total Messages received from the broker",
                "# TYPE relais_sequence_gaps gauge", "# TYPE relais_db_batch_commit_seconds histogram");
    }

    @Test
    void openAlertsAndTheBrokerLinkAreGaugesOfTheirSources(MosquittoProcess broker) throws Exception {
        hub.hub().metrics().openAlerts(() -> 3);
        assertThat(scrape().get("relais_alerts_open")).isEqualTo(3);
        hub.hub().metrics().openAlerts(() -> {
            throw new IllegalStateException("alerts table unreadable");
        });
        assertThat(scrape().get("relais_alerts_open")).as("a failing source is unknown, not 0").isNaN();
        broker.stop();
        await().atMost(PATIENCE).until(() -> scrape().get("relais_mqtt_connected") == 0);
    }
}
