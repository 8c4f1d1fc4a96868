package fr.relais.provisioning.bundle;

import fr.relais.provisioning.render.Template;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle's README, the one file written for each node from a template (shipped beside this
 * class, filled by {@link Template}): a forgotten placeholder is an error here rather than a
 * literal {@code {{…}}} in a file on a Pi. The installer and the units are not templates: they
 * come unchanged from edge-agent/packaging ({@link NodePackaging}).
 */
final class BundleTemplates {
    static final String README = "README.txt";

    private final Map<String, String> values;

    /** Values are inserted as they are: callers pass only checked ids and fixed words. */
    BundleTemplates(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    static BundleTemplates forNode(BundleInput input) {
        Map<String, String> values = new TreeMap<>(ReadmeParts.of(input));
        values.put("NODE", input.nodeId());
        values.put("SITE", input.siteId());
        return new BundleTemplates(values);
    }

    byte[] render(String template) {
        return Template.resource("bundle/" + template).fillFrom(values).getBytes(StandardCharsets.UTF_8);
    }
}
