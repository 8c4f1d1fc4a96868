package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AsyncAPI description says what the code does: same topics, same enum spellings. */
class AsyncApiDocumentTest {
    private static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        document = new YAMLMapper().readTree(Path.of("asyncapi.yaml").toFile());
    }

    private static List<String> wire(Class<? extends WireValue> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void isAsyncApi3() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void hasTheTopicsOfTheCode() {
        List<String> addresses = new ArrayList<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).contains(Topic.HUB_STATE);
        for (Topic.Kind kind : Topic.Kind.values()) {
            if (kind != Topic.Kind.HUB_STATE) {
                String expected = kind == Topic.Kind.COMMAND ? "relais/v1/{site}/{node}/cmd/{name}"
                        : "relais/v1/{site}/{node}/" + kind.level();
                assertThat(addresses).contains(expected);
            }
        }
    }

    @Test
    void spellsTheEnumsAsTheCodeDoes() {
        JsonNode schemas = document.path("components").path("schemas");
        JsonNode birth = schemas.path("Birth").path("allOf").path(1).path("properties");
        assertThat(list(birth.path("site").path("properties").path("kind").path("enum"))).isEqualTo(wire(SiteKind.class));
        assertThat(list(birth.path("devices").path("items").path("properties").path("kind").path("enum")))
                .isEqualTo(wire(DeviceKind.class));
        assertThat(list(schemas.path("Presence").path("enum"))).isEqualTo(wire(Presence.class));
        assertThat(list(schemas.path("Envelope").path("properties").path("clock").path("enum")))
                .isEqualTo(wire(ClockConfidence.class));
        assertThat(list(schemas.path("Telemetry").path("allOf").path(1).path("properties").path("health").path("enum")))
                .isEqualTo(wire(Health.class));
        assertThat(list(schemas.path("Event").path("allOf").path(1).path("properties").path("severity").path("enum")))
                .isEqualTo(wire(Severity.class));
        assertThat(list(schemas.path("Reply").path("allOf").path(1).path("properties").path("status").path("enum")))
                .isEqualTo(wire(ReplyStatus.class));
    }
}
