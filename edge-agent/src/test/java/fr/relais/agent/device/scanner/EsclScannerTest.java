package fr.relais.agent.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The escl driver against a loopback eSCL responder serving documents in the styles of real scanners. */
class EsclScannerTest {
    private final EsclResponder responder;

    EsclScannerTest() throws Exception {
        responder = new EsclResponder();
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private Device scanner(Duration readTimeout) {
        DeviceConfig config = new DeviceConfig("scanner-accueil", DeviceKind.SCANNER, "Scanner de l'accueil", "escl",
                Duration.ofSeconds(10), readTimeout, new EsclSettings(EsclSettings.parse(responder.url())));
        return new EsclDriver().create(config, null);
    }

    private Reading read(Device device) {
        return device.read(Instant.now());
    }

    private Device scannerReading(String sample) {
        responder.sample(sample);
        return scanner(Duration.ofSeconds(5));
    }

    @Test
    void anIdleHpWithALoadedFeederIsOk() {
        Reading reading = read(scannerReading("hp-laserjet-idle-loaded.xml"));

        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("state", "idle").containsEntry("adfState", "loaded")
                .containsEntry("adfLoaded", true).containsEntry("jobsListed", 1L).containsEntry("jobsActive", 0L)
                .containsEntry("conditions", "").containsEntry("esclVersion", "2.63").doesNotContainKey("error");
        assertThat(reading.events()).isEmpty();
    }

    @Test
    void aCanonOrEpsonScanningFromTheGlassIsOk() {
        Reading reading = read(scannerReading("canon-epson-processing-empty.xml"));

        assertThat(reading.health()).as("scanning, the feeder empty: all normal").isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("state", "processing").containsEntry("adfState", "empty")
                .containsEntry("adfLoaded", false).containsEntry("jobsListed", 2L).containsEntry("jobsActive", 1L);
    }

    @Test
    void aBrotherStoppedWithItsFeederOpenIsCriticalWithAnEventPerCondition() {
        Device device = scannerReading("hp-laserjet-idle-loaded.xml");
        read(device);
        responder.sample("brother-stopped-door-open.xml");

        Reading stopped = read(device);
        assertThat(stopped.health()).isEqualTo(Health.CRITICAL);
        assertThat(stopped.metrics()).containsEntry("state", "stopped").containsEntry("adfState", "door-open")
                .containsEntry("conditions", "stopped, adf-door-open");
        assertThat(stopped.events()).extracting(DeviceEvent::type, DeviceEvent::severity, DeviceEvent::message)
                .containsExactlyInAnyOrder(
                        tuple("scanner-condition-started", Severity.CRITICAL, "Scanner arrêté"),
                        tuple("scanner-condition-started", Severity.CRITICAL,
                                "Capot du chargeur de documents ouvert"));
        assertThat(read(device).events()).as("nothing new").isEmpty();

        responder.sample("hp-laserjet-idle-loaded.xml");
        Reading closed = read(device);
        assertThat(closed.health()).isEqualTo(Health.OK);
        assertThat(closed.events()).extracting(event -> event.data().get("condition"))
                .containsExactlyInAnyOrder("stopped", "adf-door-open");
        assertThat(closed.events()).extracting(DeviceEvent::type).containsOnly("scanner-condition-cleared");
    }

    @Test
    void aUsbDeviceThroughIppUsbWithOtherPrefixesIsReadTheSame() {
        Reading reading = read(scannerReading("ipp-usb-testing-jam.xml"));

        assertThat(reading.health()).as("warming up is normal, a jam is not").isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("state", "testing").containsEntry("adfState", "jam")
                .containsEntry("conditions", "adf-jam").containsEntry("jobsListed", 0L);
        assertThat(reading.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("scanner-condition-started");
            assertThat(event.message()).isEqualTo("Bourrage dans le chargeur de documents");
        });
    }

    @Test
    void aScannerThatGoesAwayIsUnreachableOnceThenBack() {
        Device device = scannerReading("hp-laserjet-idle-loaded.xml");
        read(device);
        responder.answer(404, "text/html", "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8));

        Reading gone = read(device);
        assertThat(gone.health()).isEqualTo(Health.CRITICAL);
        assertThat(gone.metrics()).containsEntry("state", "unreachable")
                .containsEntry("error", "unreachable: HTTP 404 from " + responder.url() + "/ScannerStatus");
        assertThat(gone.events()).extracting(DeviceEvent::type).containsExactly("scanner-unreachable");
        assertThat(read(device).events()).isEmpty();

        responder.sample("hp-laserjet-idle-loaded.xml");
        Reading back = read(device);
        assertThat(back.health()).isEqualTo(Health.OK);
        assertThat(back.events()).extracting(DeviceEvent::type).containsExactly("scanner-reachable");
    }

    @Test
    void aWrongEsclRootIsA404() {
        responder.sample("hp-laserjet-idle-loaded.xml");
        DeviceConfig config = new DeviceConfig("scanner-accueil", DeviceKind.SCANNER, "Scanner", "escl",
                Duration.ofSeconds(10), Duration.ofSeconds(5),
                new EsclSettings(URI.create(responder.url().replace("/eSCL", "/escl"))));

        Reading reading = read(new EsclDriver().create(config, null));

        assertThat(reading.metrics().get("error").toString()).startsWith("unreachable: HTTP 404 from ");
    }

    @Test
    void brokenXmlIsSaidSo() {
        Reading reading = read(scannerReading("broken.xml"));

        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics().get("error").toString()).startsWith("unreachable: invalid ScannerStatus XML (");
    }

    @Test
    void aWebPageIsNotAStatus() {
        responder.answer(200, "text/html; charset=utf-8", EsclResponder.resource("router-error-page.html"));

        Reading reading = read(scanner(Duration.ofSeconds(5)));

        assertThat(reading.metrics()).containsEntry("error",
                "unreachable: not a ScannerStatus (text/html; charset=utf-8 instead of text/xml)");
    }

    @Test
    void aWebPageCalledXmlIsNotAStatusEither() {
        responder.answer(200, "text/xml", EsclResponder.resource("router-error-page.html"));

        Reading reading = read(scanner(Duration.ofSeconds(5)));

        assertThat(reading.metrics().get("error").toString()).as("its DOCTYPE is refused before anything else")
                .startsWith("unreachable: invalid ScannerStatus XML (");
    }

    @Test
    void anotherEsclDocumentIsNotAStatus() {
        Reading reading = read(scannerReading("capabilities-not-status.xml"));

        assertThat(reading.metrics()).containsEntry("error",
                "unreachable: not a ScannerStatus document (its root is <scan:ScannerCapabilities>)");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-7f3a");
        responder.answer(200, "text/xml", new String(EsclResponder.resource("xxe.xml"), StandardCharsets.UTF_8)
                .replace("SECRET_FILE_URI", secret.toUri().toString()).getBytes(StandardCharsets.UTF_8));

        Reading reading = read(scanner(Duration.ofSeconds(5)));

        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics().get("error").toString()).startsWith("unreachable: invalid ScannerStatus XML (")
                .contains("DOCTYPE, refused");
        assertThat(reading.toString()).doesNotContain("SECRET-7f3a");
    }

    @Test
    void entityExpansionIsRefused() {
        Reading reading = read(scannerReading("billion-laughs.xml"));

        assertThat(reading.metrics().get("error").toString()).contains("DOCTYPE, refused");
    }

    @Test
    void aSlowScannerRunsOutOfTimeWithinTheReadTimeout() {
        responder.sample("hp-laserjet-idle-loaded.xml").delay(Duration.ofSeconds(30));

        Reading reading = read(scanner(Duration.ofSeconds(1)));

        assertThat(reading.metrics()).containsEntry("error", "unreachable: no answer within 0.8 s");
    }

    @Test
    void aScannerSwitchedOffIsConnectionRefused() {
        Device device = scannerReading("hp-laserjet-idle-loaded.xml");
        responder.close();

        assertThat(read(device).metrics()).containsEntry("error", "unreachable: connection refused");
    }
}
