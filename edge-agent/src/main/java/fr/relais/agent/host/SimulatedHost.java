package fr.relais.agent.host;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The CPU temperature of a demo node ({@code telemetry.simulatedHost}): the demo runs every
 * agent on one machine, which has one temperature (or none, in a container), so each node tells
 * its own instead, with the real metric's name and unit, and {@code hostSimulated: true} beside it
 * so that nobody takes it for a measure.
 *
 * <p>Each node has its own usual temperature (a Pi in a ventilated rack or in a cupboard), the
 * room warms in the afternoon, the Pi works harder while the place is open (Monday to Saturday,
 * 9:00–18:00 Paris time), and about one afternoon a week its fan clogs for an hour: 80 °C or more,
 * which opens the hub's {@code cpu-too-hot} alert. Seeded by the node: the same story every run.
 */
public final class SimulatedHost {
    public static final String MARK = "hostSimulated";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final double usual;
    private final long seed;
    private final Random noise;

    public SimulatedHost(String node) {
        // String.hashCode is specified: the same seed on every JVM.
        this.seed = node.hashCode();
        Random random = new Random(seed);
        this.usual = 40 + random.nextInt(13);
        this.noise = new Random(seed ^ 0x686F7374L);
    }

    public Map<String, Object> read(Instant now) {
        ZonedDateTime local = now.atZone(PARIS);
        double hour = local.getHour() + local.getMinute() / 60.0;
        // Warmest at 15:00, coolest at 3:00.
        double room = 3 * Math.cos((hour - 15) / 24 * 2 * Math.PI);
        boolean open = local.getDayOfWeek() != DayOfWeek.SUNDAY && hour >= 9 && hour < 18;
        double load = open ? 5 : 0;
        double fan = fanClogged(local) ? 40 : 0;
        double celsius = usual + room + load + fan + (noise.nextDouble() - 0.5) * 2;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(CpuTemperature.METRIC, HostMonitor.round1(celsius));
        metrics.put(MARK, true);
        return metrics;
    }

    /** One afternoon hour in seven days, drawn per node and per week. */
    boolean fanClogged(ZonedDateTime local) {
        long day = local.toLocalDate().toEpochDay();
        Random week = new Random(seed ^ (Math.floorDiv(day, 7) * 0x9E3779B97F4A7C15L));
        int clogDay = week.nextInt(7);
        int clogHour = 14 + week.nextInt(3);
        return Math.floorMod(day, 7) == clogDay && local.getHour() == clogHour;
    }
}
