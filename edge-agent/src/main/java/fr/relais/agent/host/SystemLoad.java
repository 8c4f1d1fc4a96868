package fr.relais.agent.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The load average and the memory still available, from {@code /proc}: a Pi that swaps or whose
 * four cores are saturated makes the kiosk slow before anything else fails.
 */
final class SystemLoad implements HostSensor {
    private static final long KILOBYTES_PER_MEGABYTE = 1024;

    private final Path loadavg;
    private final Path meminfo;
    private final HostFiles files;

    SystemLoad(Path procRoot, HostFiles files) {
        this.loadavg = procRoot.resolve("loadavg");
        this.meminfo = procRoot.resolve("meminfo");
        this.files = files;
    }

    @Override
    public void addTo(Map<String, Object> metrics) {
        files.read(loadavg).ifPresent(text -> {
            Double load = firstNumber(text);
            if (load == null) {
                files.garbage(loadavg, text, "a load average");
            } else {
                metrics.put("loadAverage1m", HostMonitor.round1(load));
            }
        });
        files.read(meminfo).ifPresent(text -> {
            Optional<Long> kilobytes = memAvailableKilobytes(text);
            if (kilobytes.isEmpty()) {
                files.garbage(meminfo, text, "a 'MemAvailable: N kB' line");
            } else {
                metrics.put("memAvailableMegabytes", kilobytes.get() / KILOBYTES_PER_MEGABYTE);
            }
        });
    }

    /** The first of {@code 0.52 0.58 0.59 1/211 11871}; null if it is not a finite, positive number. */
    private static Double firstNumber(String text) {
        String[] fields = text.strip().split("\\s+");
        try {
            double value = Double.parseDouble(fields[0]);
            return Double.isFinite(value) && value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Long> memAvailableKilobytes(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                String[] fields = line.substring("MemAvailable:".length()).strip().split("\\s+");
                try {
                    long value = Long.parseLong(fields[0]);
                    return value >= 0 ? Optional.of(value) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
