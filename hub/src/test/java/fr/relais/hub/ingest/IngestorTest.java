package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.Messages;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestorTest {
    private final Ingestor ingestor = new Ingestor(new ArrayBlockingQueue<>(10), new IngestStats(), Clock.systemUTC());
    private final byte[] goodTelemetry = new MessageCodec().encode(Messages.telemetry(3, "printer-1",
            fr.relais.protocol.Health.OK, 50));

    @Test
    void readsAValidMessage() {
        Received received = ingestor.read("relais/v1/dizy-le-gros/dizy-le-gros-pi/telemetry", goodTelemetry, 1L);
        assertThat(received).isInstanceOf(Received.Valid.class);
        Received.Valid valid = (Received.Valid) received;
        assertThat(valid.topic()).isEqualTo(Topic.of(Topic.Kind.TELEMETRY, Messages.SITE, Messages.NODE));
        assertThat(valid.message()).isInstanceOf(Telemetry.class);
        assertThat(valid.payload()).isEqualTo(goodTelemetry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad topic           | relais/v1/Dizy/x/telemetry                       | GOOD    | topic   | site 'Dizy'",
        "foreign namespace   | somewhere/else                                   | GOOD    | topic   | outside the namespace",
        "a command           | relais/v1/dizy-le-gros/dizy-le-gros-pi/cmd/ping  | GOOD    | topic   | does not ingest its own commands",
        "the hub's state     | relais/v1/_hub/state                             | GOOD    | topic   | does not ingest its own state",
        "garbage payload     | relais/v1/dizy-le-gros/dizy-le-gros-pi/telemetry | garbage | payload | not valid JSON",
        "birth on telemetry  | relais/v1/dizy-le-gros/dizy-le-gros-pi/birth     | GOOD    | bdSeq   | is required"})
    void keepsWhatItRefusesWithTheReason(String what, String topic, String payload, String field, String reason) {
        byte[] bytes = payload.equals("GOOD") ? goodTelemetry : payload.getBytes(StandardCharsets.UTF_8);
        Received received = ingestor.read(topic, bytes, 7L);
        assertThat(received).as(what).isInstanceOf(Received.Invalid.class);
        Received.Invalid invalid = (Received.Invalid) received;
        assertThat(invalid.field()).as(what).isEqualTo(field);
        assertThat(invalid.reason()).as(what).contains(reason);
        assertThat(invalid.payload()).as("the exact bytes are kept").isEqualTo(bytes);
        assertThat(invalid.topic()).isEqualTo(topic);
        assertThat(invalid.receivedAt()).isEqualTo(7L);
    }
}
