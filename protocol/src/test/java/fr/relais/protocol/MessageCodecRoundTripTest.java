package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageCodecRoundTripTest {
    private final MessageCodec codec = new MessageCodec();

    private Message roundTrip(Topic.Kind kind, Message message) throws InvalidMessageException {
        Topic topic = kind == Topic.Kind.COMMAND
                ? Topic.command(Samples.SITE, Samples.NODE, "ping")
                : kind == Topic.Kind.HUB_STATE ? Topic.hubState() : Topic.of(kind, Samples.SITE, Samples.NODE);
        return codec.decode(topic, codec.encode(message));
    }

    @Test
    void nodeState() throws InvalidMessageException {
        NodeState state = new NodeState(Presence.LOST, 9, Samples.TS);
        assertThat(roundTrip(Topic.Kind.STATE, state)).isEqualTo(state);
    }

    @Test
    void hubState() throws InvalidMessageException {
        HubState state = new HubState(Presence.ONLINE, "session-1", Samples.TS);
        assertThat(roundTrip(Topic.Kind.HUB_STATE, state)).isEqualTo(state);
    }

    @Test
    void birth() throws InvalidMessageException {
        assertThat(roundTrip(Topic.Kind.BIRTH, Samples.birth())).isEqualTo(Samples.birth());
    }

    @Test
    void telemetryKeepsTheTypesOfItsMetrics() throws InvalidMessageException {
        Telemetry decoded = (Telemetry) roundTrip(Topic.Kind.TELEMETRY, Samples.telemetry());
        assertThat(decoded).isEqualTo(Samples.telemetry());
        assertThat(decoded.metrics().get("tonerPercent")).isInstanceOf(Long.class);
        assertThat(decoded.metrics().get("latencyMs")).isInstanceOf(Double.class);
        assertThat(decoded.metrics().keySet()).containsExactly("tonerPercent", "latencyMs", "paperOut", "model");
    }

    @Test
    void telemetryOfTheNodeItselfHasNoDevice() throws InvalidMessageException {
        Telemetry own = new Telemetry(Samples.envelope(3), Optional.empty(), Health.WARNING, Map.of("outboxDepth", 5L));
        byte[] json = codec.encode(own);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("device");
        assertThat(roundTrip(Topic.Kind.TELEMETRY, own)).isEqualTo(own);
    }

    @Test
    void event() throws InvalidMessageException {
        assertThat(roundTrip(Topic.Kind.EVENT, Samples.event())).isEqualTo(Samples.event());
    }

    @Test
    void commandTakesItsNameFromTheTopic() throws InvalidMessageException {
        Command decoded = (Command) roundTrip(Topic.Kind.COMMAND, Samples.command());
        assertThat(decoded).isEqualTo(Samples.command());
        assertThat(new String(codec.encode(Samples.command()), StandardCharsets.UTF_8)).doesNotContain("\"name\"");
    }

    @Test
    void aCommandWithoutExpiryNeverExpires() throws InvalidMessageException {
        Command forever = new Command("ping", Samples.command().requestId(), Samples.TS, Optional.empty(), Map.of());
        assertThat(roundTrip(Topic.Kind.COMMAND, forever)).isEqualTo(forever);
        assertThat(forever.isExpired(Samples.TS.plusSeconds(86_400 * 365))).isFalse();
        assertThat(Samples.command().isExpired(Samples.TS.plusSeconds(61))).isTrue();
        assertThat(Samples.command().isExpired(Samples.TS.plusSeconds(59))).isFalse();
    }

    @Test
    void anAcceptedReplyIsNotFinal() throws InvalidMessageException {
        Reply accepted = new Reply(Samples.envelope(16), Samples.command().requestId(), "reboot", ReplyStatus.ACCEPTED,
                "", Map.of());
        assertThat(roundTrip(Topic.Kind.REPLY, accepted)).isEqualTo(accepted);
        assertThat(ReplyStatus.ACCEPTED.isFinal()).isFalse();
        assertThat(ReplyStatus.OK.isFinal()).isTrue();
    }

    @Test
    void replies() throws InvalidMessageException {
        assertThat(roundTrip(Topic.Kind.REPLY, Samples.reply())).isEqualTo(Samples.reply());
        Reply failed = new Reply(Samples.envelope(15), Samples.command().requestId(), "reboot", ReplyStatus.REJECTED,
                "no reboot command is configured on this node", Map.of());
        assertThat(roundTrip(Topic.Kind.REPLY, failed)).isEqualTo(failed);
    }

    @Test
    void theWireFormatIsReadableJson() {
        String json = new String(codec.encode(Samples.telemetry()), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schema\":1,\"msgId\":\"0190f5c2-7a2b-7cde-8f00-000000000001\",\"seq\":12,"
                + "\"ts\":\"2026-11-28T09:30:00.125Z\",\"clock\":\"synced\",\"device\":\"printer-accueil\","
                + "\"health\":\"ok\",\"metrics\":{\"tonerPercent\":42,\"latencyMs\":38.5,\"paperOut\":false,"
                + "\"model\":\"HP LaserJet\"}}");
    }

    @Test
    void messageIdsAreUniqueAndTimeOrdered() {
        var first = MessageIds.next();
        var second = MessageIds.next();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.toString().compareTo(second.toString())).isNegative();
    }
}
