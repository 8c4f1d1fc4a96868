package fr.relais.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one placeholder filler behind the broker, hub and bundle templates. */
class TemplateTest {
    @Test
    void fillsTheBrokerUnitAndRefusesAValueItHasNoPlaceFor() {
        Template unit = Template.resource("units/relais-broker.service.template");
        assertThat(unit.fill(Map.of("broker_dir", "/srv/relais/broker"))).contains("/srv/relais/broker")
                .doesNotContain("{{");
        // A value meant for a placeholder that was renamed must not vanish silently.
        assertThatIllegalStateException()
                .isThrownBy(() -> unit.fill(Map.of("broker_dir", "/srv", "broker_home", "/srv")))
                .withMessageContaining("{{broker_home}}");
    }

    @Test
    void aBundleTemplateTakesWhatItNeedsFromTheNodeValuesButNeverLeavesAPlaceholder() {
        Template readme = Template.resource("bundle/README.txt");
        Map<String, String> values = new java.util.HashMap<>(Map.of("NODE", "spi-pi", "SITE", "spi"));
        for (String part : new String[] {"CLIENT_KEY_NOTE", "CLIENT_FILES", "KIOSK_FILES", "KIOSK_JAR", "KIOSK_BUILD",
                "KIOSK_NOTES"}) {
            values.put(part, "");
        }
        values.put("VAN_TOUR", "unused here");
        String filled = readme.fillFrom(values);
        assertThat(filled).contains("spi-pi").doesNotContain("{{").doesNotContain("unused here");
        assertThatIllegalStateException().isThrownBy(() -> readme.fillFrom(Map.of("NODE", "spi-pi")))
                .withMessageContaining("bundle/README.txt").withMessageContaining("no value for {{");
        assertThatIllegalStateException().isThrownBy(() -> Template.resource("bundle/none"))
                .withMessageContaining("bundle/none").withMessageContaining("missing");
    }
}
