package fr.relais.agent.localapi;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The badge reads of the kiosk's own reader, as the kiosk may see them: a random read id and the
 * time, never the number nor its hash. The hash stays here, for {@link #KEPT} only, so the kiosk can
 * say "check me in with read X" right after the badge and nothing a visitor leaves behind can be
 * replayed later. Everything passes on unchanged to the node's reports.
 */
public final class BadgeReads implements DeviceReports {
    /** How long a read id refers to its badge. */
    public static final Duration KEPT = Duration.ofMinutes(2);
    static final int MAX_READS = 64;

    /** One read; {@code badgeHash} never leaves the agent. */
    record Read(long seq, UUID id, Instant at, String badgeHash) {
    }

    private final String reader;
    private final DeviceReports downstream;
    private final Clock clock;
    private final Deque<Read> reads = new ArrayDeque<>();
    private long lastSeq;

    public BadgeReads(String reader, DeviceReports downstream, Clock clock) {
        this.reader = reader;
        this.downstream = downstream;
        this.clock = clock;
    }

    @Override
    public void reading(String deviceId, Reading reading) {
        downstream.reading(deviceId, reading);
    }

    @Override
    public void event(String deviceId, DeviceEvent event) {
        if (reader.equals(deviceId) && BadgeEvents.READ.equals(event.type())
                && event.data().get("badgeHash") instanceof String hash) {
            record(hash);
        }
        downstream.event(deviceId, event);
    }

    /** A badge read at the kiosk's reader (also the tests' and the simulation's way in). */
    public synchronized Read record(String badgeHash) {
        Read read = new Read(++lastSeq, UUID.randomUUID(), clock.instant(), badgeHash);
        reads.addLast(read);
        while (reads.size() > MAX_READS) {
            reads.removeFirst();
        }
        return read;
    }

    /** The reads after {@code afterSeq} still within {@link #KEPT}, oldest first. */
    public synchronized List<Read> after(long afterSeq) {
        forgetOld();
        List<Read> found = new ArrayList<>();
        for (Read read : reads) {
            if (read.seq() > afterSeq) {
                found.add(read);
            }
        }
        return found;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The badge of a read id, if it is recent enough. */
    public synchronized Optional<String> badgeOf(UUID readId) {
        forgetOld();
        return reads.stream().filter(read -> read.id().equals(readId)).map(Read::badgeHash).findFirst();
    }

    private void forgetOld() {
        Instant oldest = clock.instant().minus(KEPT);
        while (!reads.isEmpty() && reads.peekFirst().at().isBefore(oldest)) {
            reads.removeFirst();
        }
    }
}
