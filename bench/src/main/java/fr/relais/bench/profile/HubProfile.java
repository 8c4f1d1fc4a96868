package fr.relais.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code bench ingest --profile FILE}: a JDK Flight Recorder recording with the JDK's "profile"
 * settings around the measured part of a phase only, dumped to FILE, and the threads' CPU from
 * /proc over the same span. {@link #NONE} records nothing.
 */
public final class HubProfile {
    /** No recording: begin and end do nothing, and there is no summary. */
    public static final HubProfile NONE = new HubProfile(null, null);

    private final Path file;
    private final ThreadGroups groups;
    private Recording recording;
    private ThreadCpu cpuBefore;
    private List<ThreadCpu.Use> cpu;
    private long beganNanos;
    private double seconds;
    private ThreadCpu rawBefore;
    private long rawBeganNanos;
    private List<ThreadCpu.Use> rawCpu;
    private double rawSeconds;
    private double subscriberSeconds;

    public HubProfile(Path file, ThreadGroups groups) {
        this.file = file;
        this.groups = groups;
    }

    /** Starts recording (a second call is ignored). */
    public void begin() throws IOException, ParseException {
        if (file == null || recording != null) {
            return;
        }
        recording = new Recording(Configuration.getConfiguration("profile"));
        // Every compilation, not only those over 100 ms: the JIT's work is part of the phase's CPU.
        recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        // Not summarised, and costly here: the bench's hundreds of MQTT client threads wait and read all the time.
        recording.disable("jdk.JavaMonitorWait");
        recording.disable("jdk.SocketRead");
        recording.disable("jdk.SocketWrite");
        recording.setName("relais bench ingest, hub phase");
        recording.setToDisk(true);
        cpuBefore = ThreadCpu.now();
        beganNanos = System.nanoTime();
        recording.start();
    }

    /** Stops recording and writes FILE (nothing if it was not begun, or already ended). */
    public void end() throws IOException {
        if (recording == null || cpu != null) {
            return;
        }
        recording.stop();
        seconds = (System.nanoTime() - beganNanos) / 1e9;
        cpu = ThreadCpu.now().since(cpuBefore, groups);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        recording.dump(file);
        recording.close();
    }

    /** The raw pipe phase's CPU, for comparison (no recording: JFR stays on the hub phase only). */
    public void beginRaw() {
        if (file != null) {
            rawBefore = ThreadCpu.now();
            rawBeganNanos = System.nanoTime();
        }
    }

    /** @param subscriber the bare subscriber's CPU over the raw phase, in seconds */
    public void endRaw(double subscriber) {
        if (rawBefore != null && rawCpu == null) {
            rawSeconds = (System.nanoTime() - rawBeganNanos) / 1e9;
            rawCpu = ThreadCpu.now().since(rawBefore, groups);
            subscriberSeconds = subscriber;
        }
    }

    /** The summary's lines, read back from FILE; none without a recording. */
    public List<String> summary() throws IOException {
        if (file == null || cpu == null) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>(ProfileSummary.of(file, groups, cpu, seconds));
        if (rawCpu != null) {
            lines.add(2, ProfileSummary.cpuLine(String.format(java.util.Locale.ROOT, "profile: the raw pipe phase"
                    + " for comparison (not recorded, %.1f s; the bare subscriber's threads %.1f s are among the"
                    + " bench's), CPU by thread group (s):", rawSeconds, subscriberSeconds), rawCpu, rawSeconds));
        }
        return lines;
    }

    public Path file() {
        return file;
    }
}
