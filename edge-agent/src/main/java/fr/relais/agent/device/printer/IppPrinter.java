package fr.relais.agent.device.printer;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceAction;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real printer, asked for its state at each poll. Nothing is held open between polls (IPP is
 * one HTTP request each time), so a printer switched off at night is simply unreachable and
 * found again in the morning. Accepts {@code test-print}.
 */
final class IppPrinter implements Device {
    private static final Logger LOG = LoggerFactory.getLogger(IppPrinter.class);
    static final String TEST_PAGE_NAME = "Relais — page de test";

    private final Birth.DeviceInfo info;
    private final PrinterLink printer;
    private final PrinterHealth health;
    private final Clock clock;
    private final ReasonEvents events = new ReasonEvents();
    private String lastProblem = "";

    IppPrinter(Birth.DeviceInfo info, PrinterLink printer, PrinterHealth health, Clock clock) {
        this.info = info;
        this.printer = printer;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public Reading read(Instant now) {
        PrinterStatus status;
        try {
            status = printer.status();
        } catch (PrinterUnreachable e) {
            if (!e.getMessage().equals(lastProblem)) {
                LOG.warn("{}: printer unreachable: {}", info.id(), e.getMessage());
                lastProblem = e.getMessage();
            }
            return new Reading(PrinterHealth.UNREACHABLE, PrinterMetrics.unreachable(e.getMessage()),
                    events.unanswered(e.getMessage()));
        } catch (InterruptedException e) {
            // The slot abandoned this read (its timeout): nothing is reported, nothing remembered.
            Thread.currentThread().interrupt();
            return Reading.of(Health.UNKNOWN, Map.of());
        }
        if (!lastProblem.isEmpty()) {
            LOG.info("{}: printer answers again", info.id());
            lastProblem = "";
        }
        OptionalInt toner = PrinterMetrics.tonerPercent(status.supplies());
        List<DeviceEvent> changes = events.answered(status.reasons());
        return new Reading(health.of(status, toner), PrinterMetrics.of(status), changes);
    }

    @Override
    public Map<String, DeviceAction> actions() {
        return Map.of("test-print", args -> testPrint());
    }

    private Outcome testPrint() throws InterruptedException {
        try {
            long job = printer.printText(TEST_PAGE_NAME, TestPage.text(info.name(), clock.instant()));
            return Outcome.ok(Map.of("jobId", job));
        } catch (PrinterUnreachable e) {
            return Outcome.failed("the test page was not printed: " + e.getMessage());
        }
    }
}
