package fr.relais.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the text values of a parsed
 * configuration, so that secrets can come from the service's environment instead of the file.
 * Values are substituted after parsing, never into the YAML text: a password holding {@code #}
 * or {@code :} stays whole, and a parse error can never quote a secret. An unset variable
 * without a default is an error naming the field, not an empty string. A value that is a single
 * reference to a number or a boolean becomes that number or boolean.
 */
final class EnvironmentSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private EnvironmentSubstitution() {
    }

    static JsonNode apply(JsonNode node, Map<String, String> environment) throws ConfigException {
        return apply(node, "", environment);
    }

    private static JsonNode apply(JsonNode node, String path, Map<String, String> environment)
            throws ConfigException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                field.setValue(apply(field.getValue(), child, environment));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, apply(array.get(i), path + "[" + i + "]", environment));
            }
            return array;
        }
        if (node instanceof TextNode text && text.textValue().contains("${")) {
            return substitute(text.textValue(), path, environment);
        }
        return node;
    }

    private static JsonNode substitute(String value, String path, Map<String, String> environment)
            throws ConfigException {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = environment.get(matcher.group(1));
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new ConfigException(path + ": environment variable " + matcher.group(1)
                        + " is not set and has no default (write ${" + matcher.group(1) + ":-default})");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        String result = out.toString();
        boolean wholeReference = REFERENCE.matcher(value).matches();
        if (wholeReference && WHOLE_NUMBER.matcher(result).matches()) {
            return LongNode.valueOf(Long.parseLong(result));
        }
        if (wholeReference && (result.equals("true") || result.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(result));
        }
        return TextNode.valueOf(result);
    }
}
