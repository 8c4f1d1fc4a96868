package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path for telemetry must agree with the strict reader: the same message whenever it
 * answers, and no answer whenever the strict reader refuses.
 */
class TelemetryFastPathTest {
    private final TelemetryFastPath fast = new TelemetryFastPath(StreamReadConstraints.defaults());
    private final MessageCodec codec = new MessageCodec();
    private final Topic topic = Topic.of(Topic.Kind.TELEMETRY, Samples.SITE, Samples.NODE);

    @Test
    void readsWhatTheCodecWrites() {
        Random random = new Random(3);
        int fastReads = 0;
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("count", random.nextLong());
            metrics.put("ratio", random.nextDouble() * 100);
            metrics.put("ok", random.nextBoolean());
            metrics.put("text", "é\"\\\n" + random.nextInt());
            Telemetry telemetry = new Telemetry(new Envelope(MessageIds.next(), Math.abs(random.nextLong()),
                    Instant.ofEpochMilli(random.nextLong(0, 253_402_300_799_999L)),
                    random.nextBoolean() ? ClockConfidence.SYNCED : ClockConfidence.UNSYNCED),
                    random.nextBoolean() ? Optional.of("printer-" + i) : Optional.empty(),
                    Health.values()[random.nextInt(Health.values().length)], metrics);
            byte[] payload = codec.encode(telemetry);
            Telemetry read = fast.read(payload);
            if (read != null) {
                assertThat(read).isEqualTo(telemetry);
                fastReads++;
            }
        }
        assertThat(fastReads).as("what nodes write takes the fast path").isEqualTo(2_000);
        assertThat(fast.read(codec.encode(Samples.telemetry()))).as("the usual form takes the fast path")
                .isEqualTo(Samples.telemetry());
    }

    @Test
    void neverAcceptsWhatTheStrictReaderRefuses() throws InvalidMessageException {
        String good = new String(codec.encode(Samples.telemetry()), StandardCharsets.UTF_8);
        List<String> variants = new ArrayList<>(List.of(
                good.replace("\"schema\":1", "\"schema\":2"),
                good.replace("\"schema\":1", "\"schema\":1.0"),
                good.replace("\"seq\":12", "\"seq\":-12"),
                good.replace("\"seq\":12", "\"seq\":12.0"),
                good.replace("\"seq\":12", "\"seq\":99999999999999999999999"),
                good.replace("2026-11-28T09:30:00.125Z", "2026-02-30T09:30:00.125Z"),
                good.replace("2026-11-28T09:30:00.125Z", "1969-11-28T09:30:00.125Z"),
                good.replace("2026-11-28T09:30:00.125Z", "2026-11-28T09:30:00.125"),
                good.replace("2026-11-28T09:30:00.125Z", "2026-11-28T25:30:00.125Z"),
                good.replace("\"clock\":\"synced\"", "\"clock\":\"SYNCED\""),
                good.replace("\"health\":\"ok\"", "\"health\":\"fine\""),
                good.replace("\"device\":\"printer-accueil\"", "\"device\":\"Printer\""),
                good.replace("\"device\":\"printer-accueil\"", "\"device\":null"),
                good.replace("\"tonerPercent\":42", "\"tonerPercent\":{\"a\":1}"),
                good.replace("\"tonerPercent\":42", "\"tonerPercent\":null"),
                good.replace("\"tonerPercent\":42", "\"toner percent\":42"),
                good.replace("\"tonerPercent\":42", "\"tonerPercent\":42,\"tonerPercent\":43"),
                good.replace("\"health\":\"ok\"", "\"health\":\"ok\",\"colour\":1"),
                good.replace("\"health\":\"ok\"", "\"health\":\"ok\",\"health\":\"ok\""),
                good.replace("0190f5c2-7a2b-7cde-8f00-000000000001", "0190F5C2-7A2B-7CDE-8F00-000000000001"),
                good.replace("\"schema\":1,", ""),
                good + "x", good + "{}", "[" + good + "]", "{", "null", "{}"));
        for (String variant : variants) {
            byte[] payload = variant.getBytes(StandardCharsets.UTF_8);
            Telemetry read = fast.read(payload);
            boolean strictAccepts;
            try {
                codec.decodeStrictly(topic, payload);
                strictAccepts = true;
            } catch (InvalidMessageException e) {
                strictAccepts = false;
            }
            if (!strictAccepts) {
                assertThat(read).as(variant).isNull();
            } else if (read != null) {
                assertThat(read).as(variant).isEqualTo(codec.decodeStrictly(topic, payload));
            }
        }
    }

    /**
     * The fast path's parser does not detect duplicates (Jackson's detection was a tenth of the
     * writer's time): every field and every metric written twice must still be refused, by the
     * codec, naming the duplicate.
     */
    @Test
    void duplicatesAreRefusedWithoutTheParsersDetection() {
        String good = new String(codec.encode(Samples.telemetry()), StandardCharsets.UTF_8);
        List<String> fields = List.of("\"schema\":1", "\"msgId\":\"0190f5c2-7a2b-7cde-8f00-000000000001\"", "\"seq\":12",
                "\"ts\":\"2026-11-28T09:30:00.125Z\"", "\"clock\":\"synced\"", "\"device\":\"printer-accueil\"",
                "\"health\":\"ok\"", "\"tonerPercent\":42");
        for (String field : fields) {
            assertThat(good).contains(field);
            for (String twice : List.of(field + "," + field, field + "," + field.replace("42", "43").replace(":12", ":13"))) {
                byte[] payload = good.replace(field, twice).getBytes(StandardCharsets.UTF_8);
                String name = field.substring(1, field.indexOf('"', 1));
                assertThat(fast.read(payload)).as(twice).isNull();
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(InvalidMessageException.class,
                        () -> codec.decode(topic, payload)))
                        .as(twice).isNotNull().hasMessageContaining("Duplicate field '" + name + "'");
            }
        }
        String metrics = good.substring(good.indexOf("\"metrics\":"), good.indexOf('}', good.indexOf("\"metrics\":")) + 1);
        byte[] twiceMetrics = good.replace(metrics, metrics + "," + metrics).getBytes(StandardCharsets.UTF_8);
        assertThat(fast.read(twiceMetrics)).isNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(InvalidMessageException.class,
                () -> codec.decode(topic, twiceMetrics))).hasMessageContaining("Duplicate field 'metrics'");
    }

    @Test
    void parsesTheTimestampFormsNodesWrite() {
        for (String text : List.of("2026-11-28T09:30:00Z", "2026-11-28T09:30:00.125Z", "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.001Z")) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : List.of("2026-11-28T09:30:00.1Z", "2026-11-28 09:30:00Z", "1969-12-31T23:59:59Z",
                "2023-02-29T12:00:00Z", "2026-13-01T00:00:00Z", "2026-11-28T09:30:60Z", "+2026-11-28T09:30:00Z")) {
            assertThat(Timestamps.parse(text)).as(text).isNull();
        }
    }
}
