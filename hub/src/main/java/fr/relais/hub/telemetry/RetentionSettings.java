package fr.relais.hub.telemetry;

import java.time.Duration;

/**
 * How long the hub keeps telemetry: raw readings for {@code raw}, their per-minute and per-hour
 * rollups for {@code rollups}.
 */
public record RetentionSettings(Duration raw, Duration rollups) {
    public static final int DEFAULT_RAW_DAYS = 30;
    public static final int DEFAULT_ROLLUP_DAYS = 730;
    public static final RetentionSettings DEFAULT = ofDays(DEFAULT_RAW_DAYS, DEFAULT_ROLLUP_DAYS);

    public RetentionSettings {
        if (raw == null || raw.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("raw telemetry must be kept at least one day, got " + raw);
        }
        if (rollups == null || rollups.compareTo(raw) < 0) {
            throw new IllegalArgumentException("rollups must be kept at least as long as raw telemetry ("
                    + raw.toDays() + " days), got " + (rollups == null ? null : rollups.toDays() + " days"));
        }
    }

    public static RetentionSettings ofDays(int rawDays, int rollupDays) {
        if (rawDays < 1 || rawDays > 36_500 || rollupDays < 1 || rollupDays > 36_500) {
            throw new IllegalArgumentException("retention periods are whole days between 1 and 36500, got "
                    + rawDays + " and " + rollupDays);
        }
        return new RetentionSettings(Duration.ofDays(rawDays), Duration.ofDays(rollupDays));
    }
}
