package fr.relais.agent.device.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A probe's {@code settings:} block written as in agent.yaml, read by the driver's own code. */
final class ProbeYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProbeYaml() {
    }

    static ProbeSettings settings(String block) throws FieldException {
        String indented = block.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
        try {
            return ProbeSettings.read(StrictObject.root(YAML.readTree("settings:\n" + indented), "device"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
