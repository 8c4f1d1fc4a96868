package fr.relais.provisioning.render;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a rendered {@code agent.yaml} is checked with. A {@code ${NAME}} written in the
 * inventory is for the Pi's {@code /etc/relais/agent.env}, unknown here: the check sees the text
 * {@code ${NAME}} itself (a password or a token passes; a setting that must be a URL needs a
 * default, {@code ${NAME:-ipp://…}}, which is what gets checked). The technician's own environment
 * never leaks into the check.
 */
final class PlaceholderEnvironment {
    // The edge agent's EnvironmentSubstitution syntax.
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

    private PlaceholderEnvironment() {
    }

    static Map<String, String> of(String text) {
        Map<String, String> environment = new HashMap<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                environment.put(matcher.group(1), "${" + matcher.group(1) + "}");
            }
        }
        return environment;
    }
}
