package fr.relais.hub.demo;

import static fr.relais.hub.demo.HistoryProfiles.HOUR;
import static fr.relais.hub.demo.HistoryProfiles.MINUTE;

import fr.relais.hub.demo.HistoryProfiles.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's simulated telemetry rollups over a period: per hour always, per minute in the last
 * days before the start, for the devices its birth named and the metrics of their kinds (and the
 * node's own). An hour's row is made of the very minute readings its minute rows would show, so
 * that the two resolutions agree. Written with ON CONFLICT DO NOTHING: a real rollup wins.
 */
final class TelemetrySeed {
    /** A device of the node as its birth named it; {@code ""} for the node itself. */
    record Device(String id, String kind) {
    }

    private TelemetrySeed() {
    }

    static List<Device> devices(HistorySql sql, String node) {
        List<Device> devices = new ArrayList<>();
        devices.add(new Device("", ""));
        devices.addAll(sql.query("SELECT id, kind FROM devices WHERE node_id = ? ORDER BY id",
                row -> new Device(row.getString(1), row.getString(2)), node));
        return devices;
    }

    /**
     * Hour rows for [from, to) and minute rows for the part of it from {@code minutesFrom} on; all
     * three on hour boundaries. Returns the rows written.
     */
    static int write(HistorySql sql, String node, Link link, List<Device> devices, long from, long to,
                     long minutesFrom) {
        List<Object[]> hours = new ArrayList<>();
        List<Object[]> minutes = new ArrayList<>();
        for (Device device : devices) {
            int every = HistoryProfiles.everyMinutes(device.kind());
            for (String metric : HistoryProfiles.metrics(device.kind())) {
                for (long hour = from; hour < to; hour += HOUR) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    long samples = 0;
                    for (long minute = hour; minute < hour + HOUR; minute += every * MINUTE) {
                        double value = HistoryProfiles.value(node, device.id(), device.kind(), link, metric, minute);
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                        sum += value;
                        samples++;
                        if (minute >= minutesFrom) {
                            minutes.add(new Object[] {node, device.id(), metric, minute, 1L, value, value, value});
                        }
                    }
                    hours.add(new Object[] {node, device.id(), metric, hour, samples, min, max, sum});
                }
            }
        }
        return insert(sql, "telemetry_hour", hours) + insert(sql, "telemetry_minute", minutes);
    }

    private static int insert(HistorySql sql, String table, List<Object[]> rows) {
        return sql.batch("INSERT INTO " + table + " (node_id, device_id, metric, bucket_start, samples, min_value,"
                + " max_value, sum_value, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE)"
                + " ON CONFLICT (node_id, device_id, metric, bucket_start) DO NOTHING", rows);
    }
}
