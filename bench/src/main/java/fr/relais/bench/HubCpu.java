package fr.relais.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU the hub's own threads used (its MQTT client's receiver, callback and sender, and its
 * ingestion writer), read from the JVM before the hub stops. Against a bare subscriber's work,
 * it says how much of a two-core machine the hub takes from the load generator and mosquitto.
 */
record HubCpu(long mqttNanos, long writerNanos) {
    static final String WRITER_THREAD = "hub-ingest-writer";

    static HubCpu now(String hubClientId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long mqtt = 0;
        long writer = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            if (info.getThreadName().equals(WRITER_THREAD)) {
                writer += cpu;
            } else if (info.getThreadName().startsWith("MQTT") && info.getThreadName().endsWith(hubClientId)) {
                mqtt += cpu;
            }
        }
        return new HubCpu(mqtt, writer);
    }

    HubCpu since(HubCpu start) {
        return new HubCpu(mqttNanos - start.mqttNanos, writerNanos - start.writerNanos);
    }

    /** Microseconds of CPU per message, MQTT and writer together. */
    double microsPerMessage(long messages) {
        return messages > 0 ? (mqttNanos + writerNanos) / 1e3 / messages : 0;
    }
}
