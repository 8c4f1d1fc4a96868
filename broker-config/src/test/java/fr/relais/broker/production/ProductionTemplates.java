package fr.relais.broker.production;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production templates as the renderer sees them: read from {@code broker-config/production/}
 * and filled by plain text replacement of {@code {{name}}}, with no logic.
 */
final class ProductionTemplates {
    static final String CENTRAL = "central.conf.template";
    static final String CLIENT_CERTIFICATE_LISTENER = "client-certificate-listener.conf.template";
    static final String SITE_BRIDGE = "site-bridge.conf.template";

    /** The placeholders each template may use, as documented in production/README.md. */
    static final Map<String, Set<String>> DOCUMENTED = Map.of(
            CENTRAL, Set.of("tls_port", "local_port", "ca_file", "cert_file", "key_file", "password_file",
                    "acl_file", "persistence_dir", "client_certificate_listener"),
            CLIENT_CERTIFICATE_LISTENER, Set.of("cert_port", "ca_file", "cert_file", "key_file", "crl_file"),
            SITE_BRIDGE, Set.of("local_port", "site", "node", "central_host", "central_tls_port", "ca_file",
                    "bridge_username", "bridge_password", "persistence_dir"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    private ProductionTemplates() {
    }

    /** The folder of templates; tests run in the module's directory, as Maven starts them. */
    static Path folder() {
        Path folder = Path.of("production");
        if (!Files.isDirectory(folder)) {
            fail("broker-config/production/ not found from " + Path.of("").toAbsolutePath()
                    + ": run the tests from the broker-config module (mvn -pl broker-config test)");
        }
        return folder;
    }

    static String read(String name) {
        try {
            return Files.readString(folder().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code {{name}}} the template uses, in order of first appearance. */
    static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Replaces every {@code {{name}}} by its value, as the renderer does. A placeholder without a
     * value is refused by name rather than left in the file for mosquitto to trip on.
     */
    static String fill(String template, Map<String, String> values) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        Set<String> left = placeholders(filled);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("no value for placeholder(s) " + left);
        }
        return filled;
    }

    /**
     * Writes a filled configuration where mosquitto can run it from a test. Started as root,
     * mosquitto would drop to its own user, which cannot read a test's private temporary folder;
     * production runs it as the mosquitto user instead (see README.md).
     */
    static Path write(Path file, String config) {
        String runnable = "root".equals(System.getProperty("user.name")) ? config + "\nuser root\n" : config;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, runnable, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
