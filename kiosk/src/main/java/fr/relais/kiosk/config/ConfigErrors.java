package fr.relais.kiosk.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's messages, written for Java developers, into one line a technician can act
 * on: which field, what was expected.
 */
final class ConfigErrors {

    private static final Map<Class<?>, String> EXPECTED = Map.of(
            RawKioskConfig.class, "a section with site, idleTimeoutSeconds, fullScreen and agent",
            RawKioskConfig.RawAgent.class, "a section with linkFile",
            RawKioskConfig.RawSite.class, "a section with name and kind",
            Long.class, "a whole number",
            Boolean.class, "true or false",
            String.class, "a text");

    private ConfigErrors() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + path(unknown) + "' (allowed here: " + known + ")";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            String found = e instanceof InvalidFormatException format ? " (found '" + format.getValue() + "')" : "";
            return (field.isEmpty() ? "the whole file" : field) + " should be "
                    + EXPECTED.getOrDefault(mismatch.getTargetType(), "of another type") + found;
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            return (field.isEmpty() ? "" : field + ": ") + oneLine(mapping.getOriginalMessage());
        }
        return syntax(e);
    }

    private static String syntax(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        String message = oneLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return message.replaceFirst("Duplicate field", "duplicate field") + at;
        }
        // SnakeYAML's own message quotes the file around a caret: keep the problem and where it is.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark problemAt = yaml.getProblemMark();
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " that starts at line " + (yaml.getContextMark().getLine() + 1)
                            + ", column " + (yaml.getContextMark().getColumn() + 1) + ")";
            return "malformed YAML at line " + (problemAt.getLine() + 1) + ", column " + (problemAt.getColumn() + 1)
                    + ": " + oneLine(yaml.getProblem()) + context;
        }
        return "malformed YAML" + at + ": " + message;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s+", " ");
    }
}
