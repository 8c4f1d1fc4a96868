package fr.relais.agent.host;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of the machine a node runs on, for the node's own telemetry: disk, CPU temperature
 * and throttling, load and memory. Every metric is optional: what the host does not have (a
 * container has no thermal zone, a PC no Pi firmware) is simply left out, and a file holding
 * garbage is logged once and left out; reading never throws. Each call reads a handful of small
 * kernel files, cheap enough for every telemetry tick.
 *
 * <p>The roots of {@code /sys} and {@code /proc} are parameters so that tests can give a folder
 * of fake files.
 */
public final class HostMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    public static final Path SYS = Path.of("/sys");
    public static final Path PROC = Path.of("/proc");

    private final List<HostSensor> sensors;
    private boolean failureLogged;

    /** @param storageFile the agent's SQLite file: its filesystem is the disk that matters */
    public HostMonitor(Path storageFile, Path sysRoot, Path procRoot) {
        HostFiles files = new HostFiles();
        this.sensors = List.of(new DiskUsage(storageFile), new CpuTemperature(sysRoot, files),
                new Throttling(sysRoot, files), new SystemLoad(procRoot, files));
    }

    /** The monitor of this machine. */
    public static HostMonitor of(Path storageFile) {
        return new HostMonitor(storageFile, SYS, PROC);
    }

    /** What could be read now, by metric name. */
    public synchronized Map<String, Object> read() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (HostSensor sensor : sensors) {
            try {
                sensor.addTo(metrics);
            } catch (RuntimeException e) {
                // A bug here must not cost the node its telemetry.
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.warn("reading the host's health failed, some metrics are left out", e);
                }
            }
        }
        return metrics;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
