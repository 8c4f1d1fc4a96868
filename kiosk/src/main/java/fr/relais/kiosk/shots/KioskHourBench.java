package fr.relais.kiosk.shots;

import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.VisitorTouches;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.management.ObjectName;

/**
 * An hour of a busy kiosk: visitors touch the screens (one touch every 3 s of the kiosk's clock, run
 * as fast as the JavaFX thread allows), each session ended by the real inactivity wipe, which builds
 * every screen anew. Heap used after a full GC is sampled after sessions 1, 10, 20… and the last;
 * its slope from session 10 on (least squares, after class loading and the JIT settled) says whether
 * something survives the sessions. RSS at the end from /proc/self/status.
 * <p>
 * For a longer hunt: {@code -Dkiosk.bench.touches=N} (default an hour, 1 200), and
 * {@code -Dkiosk.bench.histograms=DIR} writes the class histogram (as {@code jcmd GC.class_histogram})
 * after session 10 and after the last, to compare which classes grew; {@code -Dkiosk.bench.heapdump=FILE}
 * dumps the heap (HPROF) after the last session, to find what holds them.
 */
final class KioskHourBench {

    static final int HOUR_TOUCHES = (int) (Duration.ofHours(1).toSeconds() / VisitorTouches.TOUCH_EVERY.toSeconds());
    /** The mediation place: the most screens a visitor can reach (démarche and ticket, devices, workshops, van). */
    private static final int PLACE = 0;
    private static final int SAMPLE_EVERY = 10;

    private final int touchBudget = Integer.getInteger("kiosk.bench.touches", HOUR_TOUCHES);
    private final String histograms = System.getProperty("kiosk.bench.histograms");
    private final String heapDump = System.getProperty("kiosk.bench.heapdump");

    /** What the hour gives: {@code sessions=… heap_after_hour_mb=… rss_after_hour_mb=… heap_growth_per_session_kb=…}. */
    record Result(int sessions, long touches, double heapAfterMb, long rssMb, double growthKbPerSession,
                  List<long[]> samples) {
        String fields() {
            return String.format(Locale.ROOT, "sessions=%d touches=%d heap_after_hour_mb=%.1f rss_after_hour_mb=%d"
                    + " heap_growth_per_session_kb=%.1f", sessions, touches, heapAfterMb, rssMb, growthKbPerSession);
        }
    }

    /** Runs the hour on a new kiosk in a new window; the JavaFX toolkit must be running. */
    Result run(Fx fx) throws Exception {
        Instant start = openingMorning(Instant.now());
        ManualClock clock = new ManualClock(start);
        Duration timeout = Screenshots.idleTimeout(PLACE);
        KioskUi ui = fx.call(() -> {
            KioskUi kiosk = Screenshots.sampleKiosk(PLACE, start, clock);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(kiosk.createScene(1280, 800));
            stage.show();
            return kiosk;
        });
        VisitorTouches visitors = new VisitorTouches(ui, clock::advance, timeout);
        List<long[]> samples = new ArrayList<>();
        int session = 0;
        try {
            while (fx.call(visitors::touches) < touchBudget) {
                session++;
                int number = session;
                for (Runnable touch : fx.call(() -> visitors.session(number))) {
                    // One task per touch: the pulse draws the screen between two touches, as on the Pi.
                    fx.call(() -> {
                        touch.run();
                        return null;
                    });
                }
                fx.call(() -> {
                    visitors.leave();
                    return null;
                });
                if (session == 1 || session % SAMPLE_EVERY == 0) {
                    samples.add(new long[] {session, heapAfterGc()});
                }
                if (session == SAMPLE_EVERY) {
                    histogram("session-" + session);
                }
            }
            if (samples.get(samples.size() - 1)[0] != session) {
                samples.add(new long[] {session, heapAfterGc()});
            }
            histogram("session-" + session);
            if (heapDump != null) {
                // Live objects only; the file's parent folder must exist and the file must not.
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpHeap(heapDump, true);
            }
        } finally {
            fx.call(() -> {
                ui.stop();
                ui.currentScene().getWindow().hide();
                return null;
            });
        }
        long last = samples.get(samples.size() - 1)[1];
        return new Result(session, fx.call(visitors::touches), last / (1024.0 * 1024), rssMb(),
                slopeFrom(samples, SAMPLE_EVERY) / 1024, samples);
    }

    /** A Tuesday at 9:30 in Paris, so the place is open and gives tickets whatever time the bench runs. */
    static Instant openingMorning(Instant now) {
        ZonedDateTime paris = now.atZone(ZoneId.of("Europe/Paris"));
        return paris.with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY)).with(LocalTime.of(9, 30)).toInstant();
    }

    /** Heap used after a full collection, in bytes. Two collections: the first may leave finalizable objects. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes per session, least squares over the samples from {@code fromSession} on (0 with fewer than two). */
    static double slopeFrom(List<long[]> samples, int fromSession) {
        List<long[]> used = samples.stream().filter(s -> s[0] >= fromSession).toList();
        if (used.size() < 2) {
            return 0;
        }
        double meanX = used.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double meanY = used.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (long[] s : used) {
            num += (s[0] - meanX) * (s[1] - meanY);
            den += (s[0] - meanX) * (s[0] - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    /** VmRSS of this process in MB, or -1 where /proc is not there (not Linux). */
    static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("No RSS: /proc/self/status unreadable (" + e.getMessage() + ")");
        }
        return -1;
    }

    private void histogram(String name) throws Exception {
        if (histograms == null) {
            return;
        }
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Path dir = Files.createDirectories(Path.of(histograms));
        Files.writeString(dir.resolve("histogram-" + name + ".txt"), String.valueOf(text));
    }

    /** Runs a task on the JavaFX thread and waits for it. */
    interface Fx {
        <T> T call(Callable<T> task) throws Exception;
    }
}
