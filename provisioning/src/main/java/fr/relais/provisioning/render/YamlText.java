package fr.relais.provisioning.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes YAML through Jackson rather than by string concatenation: place names carry
 * apostrophes, accents and colons, and only a real emitter quotes them right every time.
 */
final class YamlText {
    // Every text is double-quoted: "minimised" quoting has let through texts such as 'yes' or
    // '1.0' that read back as something else. Long texts stay on one line so that diffs are clean.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private YamlText() {
    }

    static ObjectNode object() {
        return YAML.createObjectNode();
    }

    static JsonNode tree(Object value) {
        return YAML.valueToTree(value);
    }

    /** The document, preceded by {@code header} (comment lines, each ending with a newline). */
    static String write(String header, JsonNode document) {
        try {
            return header + YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of texts and numbers always has a YAML form", e);
        }
    }
}
