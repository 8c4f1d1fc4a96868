package fr.relais.provisioning.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unit, installer and README templates shipped as resources beside this class, filled by a
 * plain replacement of {@code {{NAME}}}. No template engine: the files stay readable (and
 * checkable by systemd-analyze and bash once filled), and an unknown or forgotten placeholder
 * is an error here rather than a literal {@code {{…}}} in a file on a Pi.
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
        String text = read(template);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        int left = text.indexOf("{{");
        if (left >= 0) {
            int end = text.indexOf("}}", left);
            throw new IllegalStateException("template " + template + " has a placeholder with no value: "
                    + text.substring(left, end < 0 ? Math.min(text.length(), left + 40) : end + 2));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String template) {
        try (InputStream in = BundleTemplates.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("template " + template + " is missing from the classpath"
                        + " (expected beside " + BundleTemplates.class.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + template, e);
        }
    }
}
