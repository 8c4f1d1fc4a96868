package fr.relais.hub.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What the demo's simulated history looks like: visitors per hour of each place, a probe's
 * readings per kind of link, a printer's toner and pages, a node's temperature and outbox. Pure
 * and reproducible: every figure comes from a seed made of the place or node, the device and the
 * day (or the minute), so that the same database is seeded the same on both engines and a test
 * can say what a figure must be. Plausible, never real: everything written from here is marked
 * {@code simulated}.
 */
public final class HistoryProfiles {
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** Pages are counted from here, so that counters stay in the hundreds of thousands. */
    private static final long PAGES_EPOCH = 1_577_836_800_000L; // 2020-01-01T00:00:00Z

    /** The metrics simulated for a device kind; the node's own readings are kind {@code ""}. */
    private static final Map<String, List<String>> METRICS = Map.of(
            "", List.of("cpuTemperatureC", "outboxDepth"),
            "printer", List.of("tonerPercent", "pagesPrinted"),
            "probe", List.of("latencyMedianMs", "lossPercent", "throughputMbps"));

    /** A kind of internet link, as the probe names it ({@code link}). */
    public enum Link {
        FIBRE, ADSL, FOUR_G;

        public String wire() {
            return this == FOUR_G ? "4g" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** One period a place is open, local time. */
    public record Opening(LocalTime opens, LocalTime closes) {
    }

    /**
     * A place as the simulation sees it: its weekly hours, its dated exceptions (an empty list:
     * closed that day), how many rooms it lends and whether coworkers check in there.
     */
    public record Place(String site, Map<DayOfWeek, List<Opening>> weekly, Map<LocalDate, List<Opening>> exceptions,
                        int rooms, boolean coworking) {
        List<Opening> openings(LocalDate day) {
            List<Opening> exception = exceptions.get(day);
            return exception != null ? exception : weekly.getOrDefault(day.getDayOfWeek(), List.of());
        }
    }

    /** One local hour of a place (0-23) and what happened in it. */
    public record Hour(int hour, long entries, long exits, long roomMinutes, long coworkerCheckins) {
    }

    /** A probe's reading. */
    public record ProbeReading(double latencyMs, double lossPercent, double throughputMbps) {
    }

    private HistoryProfiles() {
    }

    /**
     * The hours of a day the place was open, with their visitors: none outside its hours, fewer on
     * Mondays and in school holidays, more on Saturday mornings; everyone who came in went out by
     * closing time.
     */
    public static List<Hour> occupancy(Place place, LocalDate day) {
        List<Opening> openings = place.openings(day);
        if (openings.isEmpty()) {
            return List.of();
        }
        Random random = new Random(seed(place.site(), day.toString()));
        double base = 2 + Math.floorMod(seed(place.site()), 500) / 100.0;
        double factor = (day.getDayOfWeek() == DayOfWeek.MONDAY ? 0.6 : 1.0)
                * (day.getDayOfWeek() == DayOfWeek.SATURDAY ? 1.3 : 1.0)
                * (SchoolHolidays.on(day) ? 0.7 : 1.0);
        List<Hour> hours = new ArrayList<>();
        long stillIn = 0;
        for (int hour = 0; hour < 24; hour++) {
            double open = openMinutes(openings, hour) / 60.0;
            if (open == 0) {
                continue;
            }
            double shape = 0.5 + 0.6 * Math.exp(-Math.pow(hour - 10.5, 2) / 4) + 0.6 * Math.exp(-Math.pow(hour - 15.5, 2) / 4);
            long entries = poisson(random, base * factor * shape * open);
            long rooms = 0;
            for (int room = 0; room < place.rooms(); room++) {
                if (random.nextDouble() < 0.35 * factor) {
                    rooms += Math.min(Math.round(60 * open), 15 + random.nextInt(46));
                }
            }
            long checkins = place.coworking() ? poisson(random, (hour < 10 ? 2.0 : 0.4) * factor * open) : 0;
            // Visitors stay about an hour: who came in the hour before goes out in this one.
            hours.add(new Hour(hour, entries, stillIn, rooms, checkins));
            stillIn = entries;
        }
        if (hours.isEmpty()) {
            return hours;
        }
        Hour last = hours.get(hours.size() - 1);
        hours.set(hours.size() - 1, new Hour(last.hour(), last.entries(), last.exits() + stillIn, last.roomMinutes(),
                last.coworkerCheckins()));
        return hours;
    }

    /** The metrics simulated for devices of this kind ({@code ""}: the node's own). */
    public static List<String> metrics(String kind) {
        return METRICS.getOrDefault(kind, List.of());
    }

    /** Minutes between two readings of this kind: a probe measures every 5 minutes, the rest every minute. */
    public static int everyMinutes(String kind) {
        return "probe".equals(kind) ? 5 : 1;
    }

    /**
     * A metric of a device (kind {@code ""} and device {@code ""}: the node itself) in the minute
     * starting at {@code minute} (epoch ms): a probe by its link, toner falling then replaced,
     * pages growing, the temperature's daily cycle, the outbox empty but for outage bursts.
     */
    public static double value(String node, String device, String kind, Link link, String metric, long minute) {
        long seed = seed(node, device);
        return switch (metric) {
            case "cpuTemperatureC" -> round1(46 + 6 * Math.sin(2 * Math.PI * (hourOfDay(minute) - 10) / 24)
                    + (unit(seed, minute) - 0.5) * 1.6);
            case "outboxDepth" -> outbox(node, minute);
            case "tonerPercent" -> toner(seed, minute);
            case "pagesPrinted" -> Math.floor((3 + Math.floorMod(seed, 10)) * (double) (minute - PAGES_EPOCH) / HOUR)
                    + Math.floorMod(seed, 5_000);
            case "latencyMedianMs" -> probe(link, seed, minute).latencyMs();
            case "lossPercent" -> probe(link, seed, minute).lossPercent();
            case "throughputMbps" -> probe(link, seed, minute).throughputMbps();
            default -> throw new IllegalArgumentException("no simulated metric '" + metric + "'");
        };
    }

    /** A probe's reading on this kind of link in that minute: fibre fast and clean, ADSL slow, 4G in between and uneven. */
    public static ProbeReading probe(Link link, long seed, long minute) {
        long t = Math.floorDiv(minute, MINUTE) * 4;
        double a = unit(seed, t);
        double b = unit(seed, t + 1);
        double c = unit(seed, t + 2);
        double d = unit(seed, t + 3);
        return switch (link) {
            case FIBRE -> new ProbeReading(round1(5 + 10 * a), b < 0.02 ? 1 : 0, round1(300 + 600 * c));
            case ADSL -> new ProbeReading(round1(25 + 35 * a), b < 0.15 ? round1(1 + 6 * d) : 0, round1(2 + 13 * c));
            case FOUR_G -> new ProbeReading(round1(40 + 50 * a), b < 0.25 ? round1(1 + 10 * d) : 0,
                    round1(10 + 70 * c * (0.5 + 0.5 * d)));
        };
    }

    /** The medians of a month of readings on a link (a sample of them, from the seed). */
    public static ProbeReading monthMedians(Link link, long seed) {
        int n = 301;
        double[] latency = new double[n];
        double[] loss = new double[n];
        double[] throughput = new double[n];
        for (int i = 0; i < n; i++) {
            ProbeReading reading = probe(link, seed, i * MINUTE);
            latency[i] = reading.latencyMs();
            loss[i] = reading.lossPercent();
            throughput[i] = reading.throughputMbps();
        }
        return new ProbeReading(median(latency), median(loss), median(throughput));
    }

    /** A stable 64-bit seed (FNV-1a) of these texts, the same on every JVM. */
    public static long seed(String... parts) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : String.join("\n", parts).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private static double toner(long seed, long minute) {
        long period = (20 + Math.floorMod(mix(seed), 26)) * DAY;
        long phase = Math.floorMod(mix(seed + 1), period);
        double used = (double) Math.floorMod(minute - phase, period) / period;
        return Math.max(3, Math.round(100 - 95 * used));
    }

    /** Zero, but on some days the link drops for a while and readings wait in the outbox, then drain. */
    private static double outbox(String node, long minute) {
        long day = Math.floorDiv(minute, DAY);
        Random random = new Random(seed(node, "outage", Long.toString(day)));
        if (random.nextDouble() >= 0.15) {
            return 0;
        }
        int start = random.nextInt(1_260);
        int length = 20 + random.nextInt(160);
        int rate = 2 + random.nextInt(5);
        long at = Math.floorDiv(Math.floorMod(minute, DAY), MINUTE);
        if (at < start) {
            return 0;
        }
        if (at < start + length) {
            return (at - start + 1) * rate;
        }
        long drained = at - start - length + 1;
        return drained < 6 ? Math.round(length * rate * (1 - drained / 6.0)) : 0;
    }

    private static double hourOfDay(long minute) {
        // Europe/Paris is UTC+1 or +2: an hour off in summer is fine for a temperature curve.
        return Math.floorMod(minute + HOUR, DAY) / (double) HOUR;
    }

    private static int openMinutes(List<Opening> openings, int hour) {
        int from = hour * 60;
        int to = from + 60;
        int open = 0;
        for (Opening opening : openings) {
            int opens = opening.opens().toSecondOfDay() / 60;
            int closes = opening.closes().toSecondOfDay() / 60;
            open += Math.max(0, Math.min(to, closes) - Math.max(from, opens));
        }
        return Math.min(open, 60);
    }

    private static long poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double unit(long seed, long t) {
        return (mix(seed ^ mix(t)) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: a well-spread 64-bit value from any other. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
