package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.device.printer.IppEvePrinter;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.Hub;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.registry.NodeSilence;
import fr.relais.hub.telemetry.RetentionSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real printer, end to end: CUPS's ippeveprinter, an agent process whose {@code ipp} driver asks
 * it, mosquitto, and the hub with its shipped alert rules. Toner low at the printer: the hub shows
 * the printer in warning with the printer's reason, and its toner alert opens; a new cartridge:
 * the alert clears by itself.
 */
class PrinterAlertIT {
    private static final String PRINTER = "imprimante-accueil";
    private static final String NODE = "montcornet-pi";

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void lowTonerAtARealPrinterOpensTheHubsTonerAlertWhichClearsWithANewCartridge(MosquittoProcess broker,
                                                                                  @TempDir Path dir) throws Exception {
        // The shipped rules, evaluated every second and cleared after 2 s of good readings instead of
        // 10 s and 60 s, so that the test does not wait a minute; printer-toner-low itself is the shipped one.
        Path rules = Files.writeString(dir.resolve("alert-rules.yaml"),
                "evaluationSeconds: 1\ndefaults: {clearAfterSeconds: 2}\n", StandardCharsets.UTF_8);
        try (IppEvePrinter printer = IppEvePrinter.start(dir.resolve("printer"));
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, Database.sqliteUrl(dir.resolve("hub.db")),
                     new MqttSettings(broker.url(), "relais-hub", Optional.empty(), Optional.empty()), Optional.of(rules),
                     NodeSilence.DEFAULT_TIMEOUT, RetentionSettings.DEFAULT, HubApi.AUTH));
             AgentProcess agent = AgentProcess.start(agentConfig(dir.resolve("node"), broker.url(), printer),
                     dir.resolve("agent.log"))) {
            printer.supplies(0, 100);
            HubApi api = new HubApi(hub.httpPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> printer(api)
                    .filter(device -> device.path("metrics").path("tonerPercent").asLong() == 100).isPresent());
            assertThat(printer(api).orElseThrow().path("health").asText()).isEqualTo("ok");
            assertThat(printer(api).orElseThrow().path("simulated").asBoolean()).isFalse();

            // Below ippeveprinter's 10 %, it says toner-low; above the driver's 5 % critical level: a warning.
            printer.supplies(0, 8);
            await().atMost(Duration.ofSeconds(30)).until(() -> printer(api)
                    .filter(device -> device.path("health").asText().equals("warning")).isPresent());
            JsonNode low = printer(api).orElseThrow();
            assertThat(low.path("metrics").path("reasons").asText()).isEqualTo("toner-low");
            assertThat(low.path("metrics").path("tonerPercent").asLong()).isEqualTo(8);
            await().atMost(Duration.ofSeconds(30)).until(() -> tonerAlert(api)
                    .filter(alert -> alert.path("state").asText().equals("open")).isPresent());
            JsonNode alert = tonerAlert(api).orElseThrow();
            assertThat(alert.path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("node").asText()).isEqualTo(NODE);
            assertThat(alert.path("message").asText()).startsWith("Toner de l'imprimante presque vide");

            printer.supplies(0, 100);
            await().atMost(Duration.ofSeconds(30)).until(() -> printer(api)
                    .filter(device -> device.path("health").asText().equals("ok")).isPresent());
            await().atMost(Duration.ofSeconds(30)).until(() -> tonerAlert(api)
                    .filter(cleared -> cleared.path("state").asText().equals("cleared")).isPresent());
            assertThat(tonerAlert(api).orElseThrow().path("clearedBy").isNull()).as("cleared by itself").isTrue();
            assertThat(agent.isAlive()).isTrue();
        }
    }

    private static Path agentConfig(Path dir, String brokerUrl, IppEvePrinter printer) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("agent.yaml"), """
                node: %s
                site: {id: montcornet, name: "Tiers-lieu numérique de Montcornet", kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 200, reconnectMaxMillis: 2000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                devices:
                  - id: %s
                    kind: printer
                    name: Imprimante de l'accueil
                    driver: ipp
                    pollSeconds: 1
                    readTimeoutSeconds: 5
                    settings: {uri: "%s"}
                """.formatted(NODE, brokerUrl, PRINTER, printer.uri()), StandardCharsets.UTF_8);
    }

    private static Optional<JsonNode> printer(HubApi api) {
        return api.poll("/api/devices").flatMap(devices -> {
            for (JsonNode device : devices) {
                if (device.path("id").asText().equals(PRINTER)) {
                    return Optional.of(device);
                }
            }
            return Optional.empty();
        });
    }

    private static Optional<JsonNode> tonerAlert(HubApi api) {
        return api.poll("/api/alerts").flatMap(alerts -> {
            for (JsonNode alert : alerts) {
                if (alert.path("rule").asText().equals("printer-toner-low") && alert.path("device").asText().equals(PRINTER)) {
                    return Optional.of(alert);
                }
            }
            return Optional.empty();
        });
    }
}
