package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bench's hand-written telemetry is what the protocol's codec writes and reads. */
class TelemetryPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();
    private final NodeMessages messages = new NodeMessages(codec, "bench-0a1b2c3d", "bench-0a1b2c3d-n0001");
    private final Topic topic = Topic.of(Topic.Kind.TELEMETRY, "bench-0a1b2c3d", "bench-0a1b2c3d-n0001");

    @Test
    void everySlotDecodesToTheReadingTheCodecWouldHaveWritten() throws Exception {
        TelemetryPayload payload = new TelemetryPayload(java.util.List.of("kiosk-1", "printer-1", "probe-1"));
        Set<UUID> ids = new HashSet<>();
        long[] stamps = {1_796_000_000_000L, 1_796_000_000_007L, 1_796_000_000_050L, 1_796_000_000_999L};
        for (long seq = 1; seq <= 24; seq++) {
            long millis = stamps[(int) (seq % stamps.length)];
            byte[] bytes = payload.telemetry(seq, millis);

            Telemetry reading = (Telemetry) codec.decode(topic, bytes);
            int slot = (int) (seq % 4);
            assertThat(reading.envelope().seq()).isEqualTo(seq);
            assertThat(reading.envelope().ts()).isEqualTo(Instant.ofEpochMilli(millis));
            assertThat(reading.envelope().clock()).isEqualTo(ClockConfidence.SYNCED);
            assertThat(reading.device()).isEqualTo(slot == 0 ? Optional.empty()
                    : Optional.of(new String[] {"kiosk-1", "printer-1", "probe-1"}[slot - 1]));
            assertThat(reading.health()).isEqualTo(Health.OK);
            assertThat(reading.metrics()).isEqualTo(NodeMessages.metrics(slot, seq));
            assertThat(ids.add(reading.envelope().msgId())).as("a new message id each time").isTrue();
            // Field for field and type for type the codec's own text (key order aside).
            assertThat(JSON.readTree(bytes)).isEqualTo(JSON.readTree(codec.encode(reading)));
        }
    }

    @Test
    void aNodesReadingsHaveTheShapeOfTheCodecsOnes() throws Exception {
        for (long seq = 1; seq <= 8; seq++) {
            JsonNode fast = JSON.readTree(messages.telemetry(seq));
            JsonNode reference = JSON.readTree(messages.telemetryByCodec(seq));
            assertThat(fieldNames(fast)).isEqualTo(fieldNames(reference));
            assertThat(fieldNames(fast.get("metrics"))).isEqualTo(fieldNames(reference.get("metrics")));
            assertThat(fast.get("metrics")).isEqualTo(reference.get("metrics"));
            assertThat(fast.get("seq")).isEqualTo(reference.get("seq"));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
