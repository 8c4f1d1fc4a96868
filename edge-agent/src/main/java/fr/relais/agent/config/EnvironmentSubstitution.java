package fr.relais.agent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a configuration text, so that
 * secrets can come from the service's environment instead of the file. An unset variable
 * without a default is an error, not an empty string.
 */
final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvironmentSubstitution() {
    }

    static String apply(String text, Map<String, String> environment) throws ConfigException {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                value = matcher.group(2);
            }
            if (value == null) {
                int line = 1 + (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
                throw new ConfigException("line " + line + ": environment variable " + matcher.group(1)
                        + " is not set and has no default (write ${" + matcher.group(1) + ":-default})");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
