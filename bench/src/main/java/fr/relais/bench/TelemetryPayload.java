package fr.relais.bench;

import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A simulated node's telemetry payload written straight into bytes: the same JSON the protocol's
 * codec writes for the same reading (fields, values and their types; a test decodes one with the
 * codec and compares), without the records, maps and a Jackson generator per message. Two hundred
 * nodes publish on the same two cores as the hub and the broker, and the codec's path was a third of
 * the bench's own allocation in the hub phase: the load generator's cost should not be the hub's.
 *
 * <p>Not thread-safe: one per node, used by the thread that drives the node.
 */
final class TelemetryPayload {
    private static final byte[] START = ascii("{\"schema\":" + Message.SCHEMA_VERSION + ",\"msgId\":\"");
    private static final byte[] SEQ = ascii("\",\"seq\":");
    private static final byte[] TS = ascii(",\"ts\":\"");
    private static final byte[] CLOCK = ascii("Z\",\"clock\":\"" + ClockConfidence.SYNCED.wire() + "\"");
    private static final byte[] HEALTH = ascii(",\"health\":\"" + Health.OK.wire() + "\",\"metrics\":{");
    private static final byte[] END = ascii("}}");

    private final byte[][] devices;
    private byte[] buffer = new byte[320];
    private int length;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedSecondText;

    /** @param devices the node's device ids; slot 0 is the node itself, slot i the device i - 1 */
    TelemetryPayload(List<String> devices) {
        this.devices = devices.stream().map(id -> ascii(",\"device\":\"" + id + "\"")).toArray(byte[][]::new);
    }

    /**
     * Reading number {@code seq}, stamped {@code epochMillis}, cycling over the node ({@code slot}
     * 0) and its devices, with the metrics {@link NodeMessages#metrics} gives the same slot and seq.
     */
    byte[] telemetry(long seq, long epochMillis) {
        int slot = (int) (seq % (devices.length + 1));
        length = 0;
        append(START);
        append(MessageIds.next().toString());
        append(SEQ);
        append(seq);
        append(TS);
        timestamp(epochMillis);
        append(CLOCK);
        if (slot > 0) {
            append(devices[slot - 1]);
        }
        append(HEALTH);
        metrics(slot, seq);
        append(END);
        return Arrays.copyOf(buffer, length);
    }

    /** Keep in step with {@link NodeMessages#metrics}: the test compares both. */
    private void metrics(int slot, long seq) {
        switch (slot) {
            case 0 -> {
                field("cpu_temp_c", true).append(Double.toString(48.5 + seq % 7));
                field("disk_free_pct", false).append(71L);
                field("load1", false).append(Double.toString(0.42));
            }
            case 1 -> {
                field("session_active", true).append(seq % 3 == 0 ? "true" : "false");
                field("uptime_s", false).append(3_600L + seq);
            }
            case 2 -> {
                field("toner_pct", true).append(64L);
                field("pages_total", false).append(12_000L + seq);
                field("state", false).append("\"idle\"");
            }
            default -> {
                field("latency_ms", true).append(Double.toString(20.0 + seq % 11));
                field("loss_pct", false).append(Double.toString(0.0));
            }
        }
    }

    private TelemetryPayload field(String name, boolean first) {
        if (!first) {
            append(",");
        }
        return append("\"").append(name).append("\":");
    }

    /** The same text as the codec's: whole seconds end in "Z", others in ".mmmZ". */
    private void timestamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            String whole = Instant.ofEpochSecond(second).toString();
            cachedSecondText = ascii(whole.substring(0, whole.length() - 1));
            cachedSecond = second;
        }
        append(cachedSecondText);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (millis != 0) {
            ensure(4);
            buffer[length++] = '.';
            buffer[length++] = (byte) ('0' + millis / 100);
            buffer[length++] = (byte) ('0' + millis / 10 % 10);
            buffer[length++] = (byte) ('0' + millis % 10);
        }
    }

    private TelemetryPayload append(long number) {
        return append(Long.toString(number));
    }

    private TelemetryPayload append(String ascii) {
        ensure(ascii.length());
        // Only ASCII is written here (ids, numbers, field names): one byte per char.
        for (int i = 0; i < ascii.length(); i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    private TelemetryPayload append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
