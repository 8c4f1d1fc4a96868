package fr.relais.provisioning.bundle;

import fr.relais.provisioning.render.Template;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unit, installer and README templates shipped as resources beside this class, filled by
 * {@link Template}: no template engine, so the files stay readable (and checkable by
 * systemd-analyze and bash once filled), and a forgotten placeholder is an error here rather
 * than a literal {@code {{…}}} in a file on a Pi.
 */
final class BundleTemplates {
    static final String AGENT_UNIT = "relais-agent.service";
    static final String KIOSK_UNIT = "relais-kiosk.service";
    static final String SITE_BROKER_UNIT = "relais-site-broker.service";
    static final String INSTALLER = "install.sh";
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
        values.put("HAS_KIOSK", input.hasKiosk() ? "1" : "0");
        values.put("HAS_CLIENT_CERTIFICATE", input.clientCertificate().isPresent() ? "1" : "0");
        values.put("HAS_SITE_BROKER", input.siteBrokerConfig().isPresent() ? "1" : "0");
        return new BundleTemplates(values);
    }

    byte[] render(String template) {
        return Template.resource("bundle/" + template).fillFrom(values).getBytes(StandardCharsets.UTF_8);
    }
}
