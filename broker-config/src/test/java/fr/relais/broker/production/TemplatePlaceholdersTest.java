package fr.relais.broker.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The renderer fills placeholders by name: a typo in a template would reach mosquitto as text. */
class TemplatePlaceholdersTest {
    @ParameterizedTest
    @ValueSource(strings = {ProductionTemplates.CENTRAL, ProductionTemplates.CLIENT_CERTIFICATE_LISTENER,
        ProductionTemplates.SITE_BRIDGE})
    void usesOnlyTheDocumentedPlaceholdersAndFillingThemLeavesNone(String name) {
        String template = ProductionTemplates.read(name);
        Set<String> documented = ProductionTemplates.DOCUMENTED.get(name);

        assertThat(ProductionTemplates.placeholders(template)).containsExactlyInAnyOrderElementsOf(documented);
        Map<String, String> values = documented.stream().collect(Collectors.toMap(Function.identity(), n -> "x"));
        assertThat(ProductionTemplates.fill(template, values)).doesNotContain("{{").doesNotContain("}}");
    }

    @Test
    void theReadmeDocumentsEveryPlaceholder() {
        String readme = ProductionTemplates.read("README.md");
        ProductionTemplates.DOCUMENTED.values().stream().flatMap(Set::stream)
                .forEach(name -> assertThat(readme).contains("`{{" + name + "}}`"));
    }

    @Test
    void aMissingValueIsRefusedByName() {
        String template = ProductionTemplates.read(ProductionTemplates.CLIENT_CERTIFICATE_LISTENER);

        assertThatThrownBy(() -> ProductionTemplates.fill(template, Map.of("cert_port", "8884")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca_file").hasMessageContaining("key_file");
    }
}
