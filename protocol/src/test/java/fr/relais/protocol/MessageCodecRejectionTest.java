package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of bad input is refused with the field that is wrong and why; never half-read. */
class MessageCodecRejectionTest {
    private static final Topic TELEMETRY = Topic.of(Topic.Kind.TELEMETRY, Samples.SITE, Samples.NODE);
    private static final Topic BIRTH = Topic.of(Topic.Kind.BIRTH, Samples.SITE, Samples.NODE);
    private static final String GOOD_TELEMETRY = "{\"schema\":1,\"msgId\":\"0190f5c2-7a2b-7cde-8f00-000000000001\","
            + "\"seq\":12,\"ts\":\"2026-11-28T09:30:00Z\",\"clock\":\"synced\",\"device\":\"printer-1\","
            + "\"health\":\"ok\",\"metrics\":{\"tonerPercent\":42}}";

    private final MessageCodec codec = new MessageCodec();

    private InvalidMessageException rejection(Topic topic, String json) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> codec.decode(topic, json.getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown).isInstanceOf(InvalidMessageException.class);
        return (InvalidMessageException) thrown;
    }

    @Test
    void theGoodSampleIsAccepted() throws InvalidMessageException {
        assertThat(codec.decode(TELEMETRY, GOOD_TELEMETRY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Telemetry.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what is broken                | JSON replacement (from -> to)                                   | field           | reason
        "missing message id              | \"msgId\":\"0190f5c2-7a2b-7cde-8f00-000000000001\", ->          | msgId           | is required",
        "message id not a UUID           | 0190f5c2-7a2b-7cde-8f00-000000000001 -> 42                      | msgId           | is not a UUID",
        "negative sequence               | \"seq\":12 -> \"seq\":-1                                        | seq             | must be >= 0",
        "sequence as text                | \"seq\":12 -> \"seq\":\"12\"                                    | seq             | must be an integer",
        "fractional sequence             | \"seq\":12 -> \"seq\":12.5                                      | seq             | must be an integer",
        "huge sequence                   | \"seq\":12 -> \"seq\":123456789012345678901234567890            | seq             | must be an integer",
        "timestamp not ISO               | 2026-11-28T09:30:00Z -> 28/11/2026 09:30                        | ts              | not an ISO-8601",
        "timestamp without zone          | 2026-11-28T09:30:00Z -> 2026-11-28T09:30:00                     | ts              | not an ISO-8601",
        "timestamp before 1970           | 2026-11-28T09:30:00Z -> 1969-12-31T23:59:59Z                    | ts              | outside the years 1970 to 9999",
        "timestamp far in the future     | 2026-11-28T09:30:00Z -> +20000-01-01T00:00:00Z                  | ts              | outside the years 1970 to 9999",
        "unknown clock                   | \"clock\":\"synced\" -> \"clock\":\"maybe\"                     | clock           | 'maybe' is not one of: synced, unsynced",
        "unknown health                  | \"health\":\"ok\" -> \"health\":\"fine\"                        | health          | 'fine' is not one of",
        "bad device id                   | printer-1 -> Printer/1                                          | device          | must be lower-case",
        "metrics not an object           | {\"tonerPercent\":42} -> [42]                                   | metrics         | must be an object",
        "metric value an object          | {\"tonerPercent\":42} -> {\"tonerPercent\":{\"v\":1}}           | metrics.tonerPercent | must be a number, a boolean or a text",
        "metric value null               | {\"tonerPercent\":42} -> {\"tonerPercent\":null}                | metrics.tonerPercent | must be a number, a boolean or a text",
        "metric name with a space        | {\"tonerPercent\":42} -> {\"toner percent\":42}                 | metrics.toner percent | is not a metric name",
        "unknown field named by a space  | \"health\":\"ok\" -> \"health\":\"ok\",\" \":\"red\"           | \" \"             | unknown field",
        "unknown field with no name      | \"health\":\"ok\" -> \"health\":\"ok\",\"\":\"red\"            | \"\"              | unknown field",
        "unknown field                   | \"health\":\"ok\" -> \"health\":\"ok\",\"colour\":\"red\"       | colour          | unknown field",
        "duplicate field                 | \"health\":\"ok\" -> \"health\":\"ok\",\"health\":\"ok\"        | payload         | Duplicate field 'health'",
        "schema version from the future  | \"schema\":1 -> \"schema\":2                                    | schema          | unsupported schema version 2",
        "schema version missing          | \"schema\":1, ->                                                | schema          | is required",
        "truncated JSON                  | \"tonerPercent\":42}} -> \"tonerPercent\":42                    | payload         | not valid JSON",
        "trailing garbage                | 42}} -> 42}}xyz                                                 | payload         | not valid JSON"})
    void refusesTelemetry(String what, String change, String field, String reason) {
        String[] fromTo = change.split("->", -1);
        String json = GOOD_TELEMETRY.replace(fromTo[0].trim(), fromTo[1].trim());
        assertThat(json).as("the test's replacement applies").isNotEqualTo(GOOD_TELEMETRY);
        InvalidMessageException e = rejection(TELEMETRY, json);
        assertThat(e.field()).as(what).isEqualTo(field.trim());
        assertThat(e.reason()).as(what).contains(reason.trim());
    }

    @Test
    void refusesWhatIsNotJsonAtAll() {
        assertThat(rejection(TELEMETRY, "").reason()).isEqualTo("empty");
        assertThat(rejection(TELEMETRY, "online").reason()).contains("not valid JSON");
        assertThat(rejection(TELEMETRY, "[1,2]").reason()).contains("must be an object, got an array");
        assertThat(rejection(TELEMETRY, "\"text\"").reason()).contains("must be an object");
        assertThatThrownBy(() -> codec.decode(TELEMETRY, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("payload: ");
    }

    @Test
    void refusesBytesThatTheParserTakesForAnotherEncoding() {
        // Found by MessageCodecFuzzTest: three zero bytes first made the parser guess UTF-32, and
        // its CharConversionException escaped as an UncheckedIOException (on the agent, out of
        // the MQTT callback, which drops the connection and gets the same message again).
        Topic state = Topic.of(Topic.Kind.STATE, Samples.SITE, Samples.NODE);
        InvalidMessageException e = rejection(state, "\0\0\0chema\":1,\"state\":\"online\"}");
        assertThat(e.field()).isEqualTo("payload");
        assertThat(e.reason()).startsWith("not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32BE", "UTF-32LE"})
    void refusesValidJsonInAnotherEncodingThanUtf8(String charset) {
        // The parser would have read these, against the contract (UTF-8); the fast path too.
        String json = new String(codec.encode(Samples.telemetry()), StandardCharsets.UTF_8);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> codec.decode(TELEMETRY, json.getBytes(java.nio.charset.Charset.forName(charset))));
        assertThat(thrown).isInstanceOf(InvalidMessageException.class)
                .hasMessage("payload: not UTF-8: the bytes look like UTF-16 or UTF-32 text");
    }

    @Test
    void refusesOversizedPayloadsBeforeParsing() {
        byte[] big = new byte[MessageCodec.MAX_PAYLOAD_BYTES + 1];
        assertThatThrownBy(() -> codec.decode(TELEMETRY, big))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("more than the limit");
    }

    @Test
    void namesTheFieldInsideNestedObjectsAndArrays() {
        String birth = new String(codec.encode(Samples.birth()), StandardCharsets.UTF_8);
        InvalidMessageException kind = rejection(BIRTH, birth.replace("\"kind\":\"probe\"", "\"kind\":\"toaster\""));
        assertThat(kind.field()).isEqualTo("devices[1].kind");
        assertThat(kind.reason()).contains("'toaster' is not one of: kiosk, computer, printer");

        InvalidMessageException siteKind = rejection(BIRTH, birth.replace("\"mediation\"", "\"school\""));
        assertThat(siteKind.field()).isEqualTo("site.kind");

        InvalidMessageException extra = rejection(BIRTH, birth.replace("\"configVersion\"", "\"colour\":1,\"configVersion\""));
        assertThat(extra.field()).isEqualTo("agent.colour");
        assertThat(extra.reason()).isEqualTo("unknown field");
    }

    @Test
    void refusesABirthThatListsADeviceTwice() {
        String birth = new String(codec.encode(Samples.birth()), StandardCharsets.UTF_8)
                .replace("\"probe-adsl\"", "\"printer-accueil\"");
        assertThat(rejection(BIRTH, birth).reason()).contains("'printer-accueil' appears twice");
    }

    @Test
    void refusesAMessageOfAnotherKindThanTheTopicSays() {
        String state = new String(codec.encode(new NodeState(Presence.ONLINE, 1, Samples.TS)), StandardCharsets.UTF_8);
        InvalidMessageException e = rejection(TELEMETRY, state);
        assertThat(e.field()).isEqualTo("msgId");
        assertThat(e.reason()).isEqualTo("is required");
    }

    @Test
    void refusesARejectedReplyWithoutAReason() {
        Topic reply = Topic.of(Topic.Kind.REPLY, Samples.SITE, Samples.NODE);
        String json = new String(codec.encode(Samples.reply()), StandardCharsets.UTF_8)
                .replace("\"status\":\"ok\"", "\"status\":\"failed\"");
        assertThat(rejection(reply, json).reason()).contains("a failed reply must say why");
    }

    @Test
    void refusesCommandArgumentsNestedTooDeep() {
        Topic command = Topic.command(Samples.SITE, Samples.NODE, "ping");
        String deep = "[".repeat(30) + "]".repeat(30);
        String json = "{\"schema\":1,\"requestId\":\"0190f5c2-7a2b-7cde-8f00-00000000000a\","
                + "\"ts\":\"2026-11-28T09:30:00Z\",\"args\":{\"x\":" + deep + "}}";
        assertThat(rejection(command, json).field()).isIn("args", "payload");
    }

    @Test
    void tellsWhenTheExpectedTypeDiffers() {
        assertThatThrownBy(() -> codec.decode(TELEMETRY, GOOD_TELEMETRY.getBytes(StandardCharsets.UTF_8), Birth.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("carries Telemetry, expected Birth");
    }
}
