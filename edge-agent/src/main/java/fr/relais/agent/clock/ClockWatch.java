package fr.relais.agent.clock;

import fr.relais.agent.config.ClockSource;
import fr.relais.protocol.ClockConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time, and whether to trust it. A Raspberry Pi has no battery-backed clock: after a power
 * cut it resumes from its last saved time until NTP answers, so every reading records whether
 * the clock was synchronised when it was taken.
 */
public final class ClockWatch {
    /** Created by systemd-timesyncd once the clock is synchronised; removed when it is not. */
    public static final Path TIMESYNCD_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Clock clock;
    private final ClockSource source;
    private final Path flag;

    public ClockWatch(Clock clock, ClockSource source, Path flag) {
        this.clock = clock;
        this.source = source;
        this.flag = flag;
    }

    public static ClockWatch system(ClockSource source) {
        return new ClockWatch(Clock.systemUTC(), source, TIMESYNCD_FLAG);
    }

    /** Now, to the millisecond: finer digits would only lengthen every stored message. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public ClockConfidence confidence() {
        return switch (source) {
            case ALWAYS_SYNCED -> ClockConfidence.SYNCED;
            case SYSTEMD_TIMESYNCD -> Files.exists(flag) ? ClockConfidence.SYNCED : ClockConfidence.UNSYNCED;
        };
    }
}
