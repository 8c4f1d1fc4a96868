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
        Template unit = Template.resource("bundle/relais-site-broker.service");
        String filled = unit.fillFrom(Map.of("NODE", "spi-pi", "SITE", "spi", "KIOSK_JAR", "unused here"));
        assertThat(filled).doesNotContain("{{").doesNotContain("unused here");
        assertThatIllegalStateException().isThrownBy(() -> Template.resource("bundle/install.sh")
                .fillFrom(Map.of("NODE", "spi-pi"))).withMessageContaining("bundle/install.sh")
                .withMessageContaining("no value for {{");
        assertThatIllegalStateException().isThrownBy(() -> Template.resource("bundle/none"))
                .withMessageContaining("bundle/none").withMessageContaining("missing");
    }
}
