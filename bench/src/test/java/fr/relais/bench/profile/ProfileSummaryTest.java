package fr.relais.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench ingest --profile}'s recording and summary on a tiny workload: a thread named as the
 * hub's writer burns CPU in a method of its own, and the summary names both. No timing is judged:
 * the thread works until it has used enough CPU to be sampled, however slow the machine.
 */
class ProfileSummaryTest {
    /** CPU the writer thread uses: at JFR's 10 ms sampling, on the order of a hundred samples. */
    private static final long CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    static volatile long sink;
    static final List<long[]> KEPT = new ArrayList<>();

    @Test
    void theSummaryNamesTheWritersGroupAndTheMethodItRan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.jfr");
        HubProfile profile = new HubProfile(file, new ThreadGroups("relais-hub"));
        profile.begin();
        Thread writer = new Thread(ProfileSummaryTest::burnUntilEnoughCpu, "hub-ingest-writer");
        writer.start();
        writer.join();
        profile.end();
        profile.beginRaw();
        profile.endRaw(0.5);

        assertThat(file).exists();
        assertThat(Files.size(file)).isPositive();
        List<String> summary = profile.summary();
        String text = String.join("\n", summary);
        assertThat(summary).allMatch(line -> line.startsWith("profile:"));
        assertThat(text).contains("hub ingest writer")
                .contains("ProfileSummaryTest.burnUntilEnoughCpu")
                .contains("allocation (jdk.ObjectAllocationSample weight)")
                .contains("GC:")
                .contains("the raw pipe phase for comparison")
                .contains(file.toString());
        String hot = summary.stream().filter(line -> line.contains("ProfileSummaryTest.burnUntilEnoughCpu"))
                .findFirst().orElseThrow();
        assertThat(hot).as("the writer's hot method is attributed to its group").contains("[hub ingest writer]");
    }

    @Test
    void threadsAreGroupedByTheirNamesWholeOrCutByLinux() {
        ThreadGroups groups = new ThreadGroups("relais-hub");
        assertThat(groups.of("hub-ingest-writer")).isEqualTo(ThreadGroups.WRITER);
        assertThat(groups.of("hub-ingest-writ")).isEqualTo(ThreadGroups.WRITER);
        assertThat(groups.of("MQTT Call: relais-hub")).isEqualTo(ThreadGroups.HUB_MQTT);
        assertThat(groups.of("MQTT Call: rela")).isEqualTo(ThreadGroups.HUB_MQTT);
        assertThat(groups.of("MQTT Rec: bench-1a2b3c4d-n0001")).isEqualTo(ThreadGroups.BENCH);
        assertThat(groups.of("MQTT Snd: bench")).isEqualTo(ThreadGroups.BENCH);
        assertThat(groups.of("vert.x-eventloop-thread-1")).isEqualTo(ThreadGroups.EVENT_LOOPS);
        assertThat(groups.of("vert.x-worker-thread-3")).isEqualTo(ThreadGroups.WORKERS);
        assertThat(groups.of("bench-publisher-0")).isEqualTo(ThreadGroups.BENCH);
        assertThat(groups.of("GC Thread#1")).isEqualTo(ThreadGroups.GC);
        assertThat(groups.of("G1 Conc#0")).isEqualTo(ThreadGroups.GC);
        assertThat(groups.of("C2 CompilerThre")).isEqualTo(ThreadGroups.JIT);
        assertThat(groups.of("hub-place-content")).isEqualTo(ThreadGroups.HUB_OTHER);
    }

    @Test
    void withoutAFileNothingIsRecorded() throws Exception {
        HubProfile.NONE.begin();
        HubProfile.NONE.end();
        assertThat(HubProfile.NONE.summary()).isEmpty();
    }

    /** Arithmetic and a little allocation, in this method itself, until the thread used CPU_NANOS. */
    private static void burnUntilEnoughCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long x = 1;
        int round = 0;
        while (threads.getCurrentThreadCpuTime() - start < CPU_NANOS) {
            for (int i = 0; i < 200_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            if (++round % 50 == 0) {
                synchronized (KEPT) {
                    KEPT.clear();
                    KEPT.add(new long[1024]);
                }
            }
        }
        sink = x;
    }
}
