package fr.relais.hub.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the door nodes' {@code access-list} events from the events table, as ingestion stored
 * them: ingestion pays nothing for it (no hook on its thread) and every stored report is seen,
 * also those that came while this hub was starting. Each read looks back {@link #OVERLAP_MILLIS}
 * before the newest report seen, for rows committed late (a writer's batch, a database
 * outage); the ids already taken are remembered so each report counts once. Runs on the access
 * lists' thread only.
 */
final class AccessListReports {
    /** A valid report of one node, with the site its node belongs to. */
    record Reported(String node, String site, long receivedAt, AccessListReport report) {
    }

    static final long OVERLAP_MILLIS = 120_000;
    private static final int PAGE = 1_000;
    private static final int MAX_SEEN = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(AccessListReports.class);

    private final AccessListRows rows;
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private long watermark;

    /** @param since reports received before this instant (epoch ms) are not read */
    AccessListReports(AccessListRows rows, long since) {
        this.rows = rows;
        this.watermark = since;
    }

    /** The reports stored since the last call, the latest of each node only, oldest first. */
    List<Reported> next() {
        Map<String, Reported> latest = new LinkedHashMap<>();
        long from = Math.max(0, watermark - OVERLAP_MILLIS);
        while (true) {
            List<AccessListRows.Report> page = rows.reportsSince(from, PAGE);
            for (AccessListRows.Report row : page) {
                if (seen.putIfAbsent(row.messageId(), row.receivedAt()) != null) {
                    continue;
                }
                watermark = Math.max(watermark, row.receivedAt());
                try {
                    AccessListReport report = AccessListReport.parse(row.data());
                    latest.remove(row.node());
                    latest.put(row.node(), new Reported(row.node(), row.site(), row.receivedAt(), report));
                } catch (AccessListReport.Invalid e) {
                    refused.incrementAndGet();
                    LOG.warn("ignoring an access-list event of node {} (message {}): {}", row.node(), row.messageId(),
                            e.getMessage());
                }
            }
            long last = page.isEmpty() ? from : page.get(page.size() - 1).receivedAt();
            // A full page goes on from its last instant (ids seen are skipped); a thousand reports
            // in one millisecond would loop: the rest waits for the next call's look-back.
            if (page.size() < PAGE || last == from) {
                break;
            }
            from = last;
        }
        forgetOld();
        return new ArrayList<>(latest.values());
    }

    /** A report read well but not believable (see AccessLists): counted with the unreadable ones. */
    void implausible() {
        refused.incrementAndGet();
    }

    /** Reports whose data could not be read, since the hub started. */
    long refused() {
        return refused.get();
    }

    private void forgetOld() {
        long before = watermark - OVERLAP_MILLIS;
        seen.values().removeIf(receivedAt -> receivedAt < before);
        while (seen.size() > MAX_SEEN) {
            seen.remove(seen.keySet().iterator().next());
        }
    }
}
