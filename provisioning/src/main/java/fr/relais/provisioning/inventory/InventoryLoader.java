package fr.relais.provisioning.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an inventory file and refuses anything doubtful: an unknown or missing field, a
 * malformed or duplicated key, an identifier MQTT could not carry, an id used twice. A wrong
 * inventory would hand out wrong credentials, so nothing is guessed or defaulted.
 */
public final class InventoryLoader {
    // A backstop: the line index has already refused duplicate keys with a better message.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final InventoryCheck check;

    /** A loader that checks the inventory's shape only. */
    public InventoryLoader() {
        this(InventoryCheck.NONE);
    }

    /** A loader that also runs {@code check} on every inventory of a valid shape. */
    public InventoryLoader(InventoryCheck check) {
        this.check = check;
    }

    public Inventory load(Path file) throws InventoryException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InventoryException.unreadable(source, "no such file", e);
        } catch (CharacterCodingException e) {
            throw InventoryException.unreadable(source, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw InventoryException.unreadable(source, "cannot read the inventory: " + e, e);
        }
        return parse(source, text);
    }

    /** Reads an inventory text; {@code source} names it in errors (usually the file name). */
    public Inventory parse(String source, String text) throws InventoryException {
        YamlLineIndex lines;
        try {
            lines = YamlLineIndex.of(text);
        } catch (YamlLineIndex.SyntaxException e) {
            throw new InventoryException(source, e.line(), e.path(), e.reason());
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new InventoryException(source, line, YamlLineIndex.DOCUMENT, "not valid YAML (" + e.getOriginalMessage() + ")");
        }
        try {
            Inventory inventory = new InventoryReader(lines).read(StrictObject.root(tree, YamlLineIndex.DOCUMENT));
            check.check(inventory, lines::has);
            return inventory;
        } catch (FieldException e) {
            throw new InventoryException(source, lines.lineOf(e.field()), e.field(), e.reason());
        }
    }
}
