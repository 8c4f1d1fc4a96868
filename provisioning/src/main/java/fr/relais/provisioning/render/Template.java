package fr.relais.provisioning.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration template shipped in the jar with {@code {{name}}} placeholders: plain
 * replacement, no logic. A placeholder left without a value, or a value given for none, is a bug
 * caught at once rather than a broken file on a broker.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z_]+)}}");
    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** A template from {@code fr/relais/provisioning/<folder>/<name>} on the classpath. */
    public static Template resource(String path) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream("fr/relais/provisioning/" + path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the jar");
            }
            return new Template(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills every placeholder; a value the template does not use is an error too. */
    public String fill(Map<String, String> values) {
        return fill(values, true);
    }

    /**
     * Fills every placeholder from a set of values shared by several templates (a node's bundle:
     * units, installer, README), of which this one may use only some.
     */
    public String fillFrom(Map<String, String> values) {
        return fill(values, false);
    }

    private String fill(Map<String, String> values, boolean everyValueUsed) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(text);
        java.util.Set<String> used = new java.util.HashSet<>();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalStateException("template " + name + ": no value for {{" + key + "}}");
            }
            used.add(key);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        for (String key : values.keySet()) {
            if (everyValueUsed && !used.contains(key)) {
                throw new IllegalStateException("template " + name + " has no {{" + key + "}}");
            }
        }
        return out.toString();
    }
}
