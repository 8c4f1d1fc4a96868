package fr.relais.kiosk.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a kiosk's YAML file and fails fast, naming the file and the field, rather than
 * starting a kiosk with a guessed value in front of visitors.
 */
public final class KioskConfigLoader {

    /** Shown when the kiosk is started without {@code --config}, e.g. on a developer's laptop. */
    public static final String DEMO_RESOURCE = "demo-kiosk.yaml";

    private final ObjectMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "120" or 1.5 for a number of seconds is a mistake worth reporting, not converting.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    public KioskConfig load(Path file) {
        return parse(read(file), file.toString());
    }

    /** The built-in configuration, checked by the same rules as a deployed file. */
    public KioskConfig demo() {
        try (InputStream in = KioskConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_RESOURCE);
            }
            return parse(in.readAllBytes(), "built-in demo configuration");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KioskConfig parse(byte[] yaml, String source) {
        RawKioskConfig raw;
        try {
            JsonNode tree = mapper.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw invalid(source, "the file is empty");
            }
            raw = mapper.treeToValue(tree, RawKioskConfig.class);
        } catch (JsonProcessingException e) {
            throw new KioskConfigException(prefix(source) + ConfigErrors.describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigValidator.validate(raw).orElseThrow(problems -> invalid(source, problems));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KioskConfigException("Kiosk configuration file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new KioskConfigException("Kiosk configuration file is not readable (permission denied): "
                    + file, e);
        } catch (IOException e) {
            throw new KioskConfigException("Kiosk configuration file cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static KioskConfigException invalid(String source, String problem) {
        return new KioskConfigException(prefix(source) + problem);
    }

    private static String prefix(String source) {
        return "Invalid kiosk configuration " + source + ": ";
    }
}
