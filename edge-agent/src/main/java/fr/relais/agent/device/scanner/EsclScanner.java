package fr.relais.agent.device.scanner;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real scanner, asked for its status at each poll. Like a printer it holds nothing open
 * between polls: switched off, it is unreachable until it answers again.
 */
final class EsclScanner implements Device {
    private static final Logger LOG = LoggerFactory.getLogger(EsclScanner.class);

    private final Birth.DeviceInfo info;
    private final ScannerLink scanner;
    private final ScannerEvents events = new ScannerEvents();
    private String lastProblem = "";

    EsclScanner(Birth.DeviceInfo info, ScannerLink scanner) {
        this.info = info;
        this.scanner = scanner;
    }

    @Override
    public Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public Reading read(Instant now) {
        ScannerStatus status;
        try {
            status = scanner.status();
        } catch (ScannerUnreachable e) {
            if (!e.getMessage().equals(lastProblem)) {
                LOG.warn("{}: scanner unreachable: {}", info.id(), e.getMessage());
                lastProblem = e.getMessage();
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("state", "unreachable");
            metrics.put("error", "unreachable: " + e.getMessage());
            return new Reading(ScannerHealth.UNREACHABLE, metrics, events.unanswered(e.getMessage()));
        } catch (InterruptedException e) {
            // The slot abandoned this read (its timeout): nothing is reported, nothing remembered.
            Thread.currentThread().interrupt();
            return Reading.of(Health.UNKNOWN, Map.of());
        }
        if (!lastProblem.isEmpty()) {
            LOG.info("{}: scanner answers again", info.id());
            lastProblem = "";
        }
        Map<String, Health> conditions = ScannerHealth.conditions(status);
        return new Reading(ScannerHealth.of(status), metrics(status, conditions), events.answered(conditions));
    }

    private static Map<String, Object> metrics(ScannerStatus status, Map<String, Health> conditions) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("state", status.state());
        status.adfState().ifPresent(adf -> {
            metrics.put("adfState", adf);
            metrics.put("adfLoaded", adf.equals("loaded"));
        });
        metrics.put("jobsActive", (long) status.activeJobs());
        metrics.put("jobsListed", (long) status.jobs());
        metrics.put("conditions", String.join(", ", conditions.keySet()));
        if (!status.version().isEmpty()) {
            metrics.put("esclVersion", status.version());
        }
        return metrics;
    }
}
