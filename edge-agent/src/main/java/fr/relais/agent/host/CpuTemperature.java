package fr.relais.agent.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU's temperature from the kernel's thermal zones ({@code /sys/class/thermal/thermal_zone*},
 * millidegrees in {@code temp}). A Pi has one zone, {@code cpu-thermal}; a PC has several (ACPI,
 * chipset, Wi-Fi card…), of which {@code x86_pkg_temp} is the CPU package. The zone is chosen at
 * the first reading and kept, so a tick costs one small file read.
 */
final class CpuTemperature implements HostSensor {
    static final String METRIC = "cpuTemperatureC";
    /** Zone types that are the CPU itself, best first. */
    private static final List<String> CPU_ZONE_TYPES =
            List.of("cpu-thermal", "cpu_thermal", "x86_pkg_temp", "soc-thermal", "soc_thermal");
    private static final Pattern ZONE = Pattern.compile("thermal_zone(\\d+)");

    private final Path thermal;
    private final HostFiles files;
    private Path zone;

    CpuTemperature(Path sysRoot, HostFiles files) {
        this.thermal = sysRoot.resolve("class/thermal");
        this.files = files;
    }

    @Override
    public void addTo(Map<String, Object> metrics) {
        if (zone == null) {
            zone = chooseZone();
            if (zone == null) {
                return;
            }
        }
        Path temp = zone.resolve("temp");
        OptionalLong millidegrees = files.readLong(temp);
        if (millidegrees.isPresent()) {
            metrics.put(METRIC, HostMonitor.round1(millidegrees.getAsLong() / 1000.0));
        } else if (!Files.exists(temp)) {
            zone = null; // the zone went away (driver unloaded): look again next time
        }
    }

    /** The zone that is most likely the CPU, or null when the host has none. */
    private Path chooseZone() {
        List<Candidate> candidates = new ArrayList<>();
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
            for (Path path : zones) {
                Matcher number = ZONE.matcher(path.getFileName().toString());
                if (number.matches()) {
                    String type = files.read(path.resolve("type")).orElse("").strip();
                    candidates.add(new Candidate(path, rank(type), Long.parseLong(number.group(1))));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return null; // no thermal zones here (a container, a VM): no temperature, nothing to log
        }
        return candidates.stream()
                .min(Comparator.comparingInt(Candidate::rank).thenComparingLong(Candidate::number))
                .map(Candidate::path).orElse(null);
    }

    /** Lower is better: a known CPU zone, then anything naming the CPU, then the kernel's first zone. */
    private static int rank(String type) {
        int known = CPU_ZONE_TYPES.indexOf(type);
        if (known >= 0) {
            return known;
        }
        return type.contains("cpu") ? CPU_ZONE_TYPES.size() : CPU_ZONE_TYPES.size() + 1;
    }

    private record Candidate(Path path, int rank, long number) {
    }
}
