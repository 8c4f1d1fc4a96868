package fr.relais.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An agent configuration for one node of the coworking place, with simulated devices. */
final class NodeFixture {
    static final String SITE = "rozoy-coworking";
    static final String NODE = "rozoy-coworking-pi";

    private NodeFixture() {
    }

    static Path write(Path dir, String brokerUrl) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
                node: %s
                site: {id: %s, name: "Espace de coworking de la Praille", kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 200, reconnectMaxMillis: 2000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - {id: door-entree, kind: door, name: "Porte d'entrée", driver: simulated}
                  - {id: badge-entree, kind: badge-reader, name: Lecteur de badges, driver: simulated}
                  - {id: printer-1, kind: printer, name: Imprimante, driver: simulated}
                """.formatted(NODE, SITE, brokerUrl), StandardCharsets.UTF_8);
        return file;
    }
}
