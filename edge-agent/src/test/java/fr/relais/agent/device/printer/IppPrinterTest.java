package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ipp driver against CUPS's ippeveprinter, a real IPP printer whose supplies and trays the test sets. */
class IppPrinterTest {
    @TempDir
    Path dir;

    private IppEvePrinter printer;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        printer = IppEvePrinter.start(dir);
        // Both toner and waste at levels that raise nothing: each test sets what it is about.
        printer.supplies(0, 100);
        device = Printers.ipp(printer.uri().toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        // Either is null when the printer could not start: its own failure is the one to read.
        if (device != null) {
            device.close();
        }
        if (printer != null) {
            printer.close();
        }
    }

    private Reading read() {
        return device.read(Instant.now());
    }

    @Test
    void aPrinterWithPaperAndTonerIsOkAndSaysWhatItHas() {
        Reading reading = read();

        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("state", "idle").containsEntry("tonerPercent", 100L)
                .containsEntry("supplyBlackTonerPercent", 100L).containsEntry("supplyWasteTonerPercent", 0L)
                .containsEntry("paperOut", false).containsEntry("paperJam", false).containsEntry("reasons", "")
                .containsKeys("model", "stateMessage", "uuid", "upTimeSeconds")
                .doesNotContainKey("error");
        assertThat(reading.events()).isEmpty();
        assertThat(read().events()).as("nothing changed, nothing to say").isEmpty();
    }

    @Test
    void lowTonerIsAWarningWithItsReasonUntilTheCartridgeIsReplaced() throws Exception {
        read();
        printer.supplies(0, 8);

        Reading low = read();
        assertThat(low.health()).isEqualTo(Health.WARNING);
        assertThat(low.metrics()).containsEntry("tonerPercent", 8L).containsEntry("reasons", "toner-low");
        assertThat(low.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("printer-reason-started");
            assertThat(event.severity()).isEqualTo(Severity.WARNING);
            assertThat(event.message()).isEqualTo("Toner bientôt vide");
            assertThat(event.data()).containsEntry("reason", "toner-low").containsEntry("keyword", "toner-low-report");
        });
        assertThat(read().events()).as("still low: no second event").isEmpty();

        printer.supplies(0, 100);
        Reading replaced = read();
        assertThat(replaced.health()).isEqualTo(Health.OK);
        assertThat(replaced.metrics()).containsEntry("tonerPercent", 100L).containsEntry("reasons", "");
        assertThat(replaced.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("printer-reason-cleared");
            assertThat(event.message()).isEqualTo("Résolu : Toner bientôt vide");
        });
    }

    @Test
    void tonerUnderTheCriticalLevelIsCriticalEvenWhenThePrinterOnlySaysLow() throws Exception {
        printer.supplies(0, 3);

        Reading reading = read();
        assertThat(reading.metrics()).containsEntry("tonerPercent", 3L).containsEntry("reasons", "toner-low");
        assertThat(reading.health()).as("3 % is under tonerCriticalPercent (5)").isEqualTo(Health.CRITICAL);
    }

    @Test
    void anEmptyTrayIsCriticalAndPaperOutForTheHubsAlert() throws Exception {
        read();
        printer.mainTray(0);

        Reading empty = read();
        assertThat(empty.health()).isEqualTo(Health.CRITICAL);
        assertThat(empty.metrics()).containsEntry("paperOut", true).containsEntry("reasons", "media-empty");
        assertThat(empty.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("printer-reason-started");
            assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.message()).isEqualTo("Plus de papier");
            assertThat(event.data()).containsEntry("reason", "media-empty");
        });

        printer.mainTray(250);
        Reading refilled = read();
        assertThat(refilled.health()).isEqualTo(Health.OK);
        assertThat(refilled.metrics()).containsEntry("paperOut", false);
        assertThat(refilled.events()).extracting(DeviceEvent::type).containsExactly("printer-reason-cleared");
    }

    @Test
    void severalReasonsAtOnceAreEachAnEvent() throws Exception {
        read();
        printer.supplies(95, 0);
        printer.mainTray(5);

        Reading reading = read();
        assertThat(reading.health()).as("toner empty").isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics().get("reasons").toString().split(", "))
                .containsExactlyInAnyOrder("marker-waste-almost-full", "media-low", "toner-empty");
        assertThat(reading.events()).extracting(event -> event.data().get("reason"))
                .containsExactlyInAnyOrder("marker-waste-almost-full", "media-low", "toner-empty");
    }

    @Test
    void aPrinterSwitchedOffIsUnreachableOnceAndFoundAgainWithItsState() throws Exception {
        printer.mainTray(0);
        read();
        printer.kill();

        Reading off = read();
        assertThat(off.health()).isEqualTo(Health.CRITICAL);
        assertThat(off.metrics()).containsEntry("state", "unreachable").containsEntry("reasons", "unreachable")
                .containsEntry("error", "unreachable: connection refused").doesNotContainKey("tonerPercent");
        assertThat(off.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("printer-unreachable");
            assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.message()).isEqualTo("Imprimante injoignable : connection refused");
        });
        assertThat(read().events()).as("still off: said once").isEmpty();

        printer.restart();
        printer.supplies(0, 100);
        Reading back = read();
        assertThat(back.health()).as("a fresh ippeveprinter has paper").isEqualTo(Health.OK);
        assertThat(back.metrics()).containsEntry("state", "idle").doesNotContainKey("error");
        assertThat(back.events()).extracting(DeviceEvent::type)
                .as("back, and the empty tray it had before it went away is full now")
                .containsExactly("printer-reachable", "printer-reason-cleared");
    }

    @Test
    void aTestPagePrintsAndGivesItsJob() throws Exception {
        Outcome outcome = device.actions().get("test-print").run(Map.of("device", "imprimante-accueil"));

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(ReplyStatus.OK);
        assertThat(outcome.result().get("jobId")).isInstanceOf(Long.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !printer.spooled().isEmpty());
        List<Path> spooled = printer.spooled();
        assertThat(Files.readString(spooled.get(0), StandardCharsets.UTF_8)).contains("Relais — page de test")
                .contains("Imprimante de l'accueil");
    }

    @Test
    void aTestPageToAPrinterThatIsOffFailsWithTheReason() throws Exception {
        printer.kill();

        Outcome outcome = device.actions().get("test-print").run(Map.of("device", "imprimante-accueil"));

        assertThat(outcome.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(outcome.reason()).isEqualTo("the test page was not printed: connection refused");
    }
}
