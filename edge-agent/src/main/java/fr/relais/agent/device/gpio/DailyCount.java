package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The day's entries and exits through one entrance, and who should still be inside, set back to
 * zero every day at {@code resetAt} (local time of {@code zone}). Pure: the caller serialises
 * calls and passes the time.
 *
 * <p>{@code present} never goes below zero: an exit with nobody counted inside (someone who came
 * in before the reset, or an entry the beams missed) is counted in exits and in
 * {@code unmatchedExits}, and leaves {@code present} at zero.
 *
 * <p>Public so that the demo's simulated entrance counter counts with this very class: its events
 * and metrics are the real counter's by construction.
 */
public final class DailyCount {
    public static final String ENTRY = "entry";
    public static final String EXIT = "exit";
    public static final String RESET = "people-count-reset";

    private final LocalTime resetAt;
    private final ZoneId zone;
    private Instant lastReset;
    private long entries;
    private long exits;
    private long present;
    private long unmatchedExits;
    private long rejectedSequences;
    private String lastRejection = "";

    public DailyCount(LocalTime resetAt, ZoneId zone, Instant now) {
        this.resetAt = resetAt;
        this.zone = zone;
        this.lastReset = resetBefore(now);
    }

    /** The latest reset time at or before {@code now}. */
    Instant resetBefore(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(resetAt).atZone(zone);
        return today.isAfter(local) ? local.toLocalDate().minusDays(1).atTime(resetAt).atZone(zone).toInstant()
                : today.toInstant();
    }

    public DeviceEvent entry() {
        entries++;
        present++;
        return new DeviceEvent(ENTRY, Severity.INFO, "Entrée : " + people(present) + " à l'intérieur", counts());
    }

    public DeviceEvent exit() {
        exits++;
        if (present > 0) {
            present--;
        } else {
            unmatchedExits++;
        }
        return new DeviceEvent(EXIT, Severity.INFO, "Sortie : " + people(present) + " à l'intérieur", counts());
    }

    void rejected(String reason) {
        rejectedSequences++;
        lastRejection = reason;
    }

    /** The reset, with the totals of the day it ends, once {@code now} passes the next reset time. */
    public Optional<DeviceEvent> tick(Instant now) {
        Instant due = resetBefore(now);
        if (!due.isAfter(lastReset)) {
            return Optional.empty();
        }
        Map<String, Object> day = counts();
        day.put("rejectedSequences", rejectedSequences);
        DeviceEvent event = new DeviceEvent(RESET, Severity.INFO, "Compteur remis à zéro (journée : " + entries
                + " entrées, " + exits + " sorties, " + people(present) + " encore comptées à l'intérieur)", day);
        lastReset = due;
        entries = 0;
        exits = 0;
        present = 0;
        unmatchedExits = 0;
        rejectedSequences = 0;
        lastRejection = "";
        return Optional.of(event);
    }

    private Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("present", present);
        counts.put("entries", entries);
        counts.put("exits", exits);
        return counts;
    }

    public Map<String, Object> metrics() {
        Map<String, Object> metrics = counts();
        metrics.put("occupied", present > 0);
        metrics.put("unmatchedExits", unmatchedExits);
        metrics.put("rejectedSequences", rejectedSequences);
        metrics.put("lastRejection", lastRejection);
        return metrics;
    }

    private static String people(long count) {
        return count + (count > 1 ? " personnes" : " personne");
    }
}
