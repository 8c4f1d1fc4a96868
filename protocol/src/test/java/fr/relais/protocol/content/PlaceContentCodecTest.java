package fr.relais.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kiosk content codec: a full place's document reads and writes back unchanged; everything
 * else is an {@link InvalidContentException} whose message says which field and why (what the
 * agent logs while it keeps the content it had).
 */
class PlaceContentCodecTest {
    static String place() throws IOException {
        try (InputStream in = PlaceContentCodecTest.class.getResourceAsStream(
                "PlaceContentCodecFuzzTestInputs/decode/place")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    static PlaceContent decode(String json) throws InvalidContentException {
        return PlaceContentCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullPlaceReadsAndWritesBackUnchanged() throws Exception {
        PlaceContent content = decode(place());

        assertThat(content.site()).isEqualTo("montcornet");
        assertThat(content.version()).isEqualTo(1_765_101_600_000L);
        assertThat(content.hours().weekly()).hasSize(2);
        assertThat(content.hours().exceptions().get(0).closed()).isTrue();
        assertThat(content.van().visits().get(0).startTime().getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(content.workshops().get(0).free()).isEqualTo(3);
        assertThat(content.queue().averageServiceSeconds()).isEqualTo(420);
        assertThat(content.queue().calling().get(0).label()).isEqualTo("C12");
        assertThat(content.answers().get(0).code()).isEqualTo("K7M2QX");
        assertThat(decode(new String(PlaceContentCodec.encode(content), StandardCharsets.UTF_8))).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown field           | \"example\":true            | \"example\":true,\"colour\":\"blue\" | unknown field 'colour'",
        "another format version     | \"v\":1                     | \"v\":2                             | v: 2 is not 1",
        "a visit of unknown status  | \"status\":\"planned\"      | \"status\":\"maybe\"                | van.visits.status",
        "more free seats than seats | \"free\":3                  | \"free\":9                          | workshops.free",
        "a time without offset      | 2026-12-08T14:00:00+01:00   | 2026-12-08T14:00:00                 | workshops.start",
        "a place of unknown kind    | \"kind\":\"mediation\"      | \"kind\":\"bakery\"                 | place.kind",
        "an answer neither done nor refused | \"status\":\"done\"   | \"status\":\"maybe-later\"          | answers.status",
        "a negative waiting count   | \"waiting\":3               | \"waiting\":-3                      | queue",
        "a text where a number goes | \"seats\":8                 | \"seats\":\"huit\"                  | seats",
    })
    void refusesAndNamesTheField(String what, String from, String to, String reason) throws Exception {
        String json = place().replace(from, to);
        assertThat(json).as("the sample contains what " + what + " replaces").isNotEqualTo(place());
        assertThatThrownBy(() -> decode(json)).as(what).isInstanceOf(InvalidContentException.class)
                .hasMessageStartingWith("invalid kiosk content: ").hasMessageContaining(reason);
    }

    @Test
    void refusesAMissingSection() throws Exception {
        String json = place();
        String withoutAnswers = json.substring(0, json.indexOf(",\"answers\":")) + "}";
        assertThatThrownBy(() -> decode(withoutAnswers)).isInstanceOf(InvalidContentException.class)
                .hasMessageContaining("answers");
    }

    @Test
    void refusesWhatIsNotOneDocument() throws Exception {
        assertThatThrownBy(() -> PlaceContentCodec.decode(new byte[0])).hasMessageContaining("empty document");
        assertThatThrownBy(() -> decode("null")).isInstanceOf(InvalidContentException.class);
        assertThatThrownBy(() -> decode(place() + " {}")).isInstanceOf(InvalidContentException.class);
        assertThatThrownBy(() -> decode(place().substring(0, 300))).isInstanceOf(InvalidContentException.class);
        assertThatThrownBy(() -> decode("{\"v\":1,\"place\":" + "[".repeat(40) + "]".repeat(40) + "}"))
                .isInstanceOf(InvalidContentException.class);
    }

    @Test
    void refusesADocumentOverTheLimitBeforeParsingIt() {
        byte[] big = new byte[PlaceContentCodec.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> PlaceContentCodec.decode(big)).isInstanceOf(InvalidContentException.class)
                .hasMessageContaining("over " + PlaceContentCodec.MAX_BYTES);
    }
}
