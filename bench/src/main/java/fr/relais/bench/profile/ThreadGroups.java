package fr.relais.bench.profile;

import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Names the part of the bench's JVM a thread belongs to, from its name (whole, as Java knows it,
 * or cut to 15 characters, as Linux keeps it) and, for Vert.x's worker threads, from what it runs.
 * The bench's main thread (Linux calls it "java") polls the hub's API: it counts with the bench.
 */
public final class ThreadGroups {
    public static final String WRITER = "hub ingest writer";
    public static final String HUB_MQTT = "hub MQTT client";
    public static final String EVENT_LOOPS = "Vert.x event loops";
    public static final String ALERTS = "alert evaluator";
    public static final String HOUSEKEEPING = "housekeeping";
    public static final String WORKERS = "Vert.x workers (API)";
    public static final String HUB_OTHER = "hub, other threads";
    public static final String BENCH = "bench publishers";
    public static final String GC = "GC";
    public static final String JIT = "JIT compilers";
    public static final String JVM = "JVM (VM thread, JFR…)";
    public static final String OTHER = "other";
    /** The broker, a process of its own started by the bench: its CPU, not its threads. */
    public static final String BROKER = "mosquitto (child process)";

    /** Every group, in the order the summary prints them. */
    public static final List<String> ALL = List.of(WRITER, HUB_MQTT, EVENT_LOOPS, ALERTS, HOUSEKEEPING, WORKERS,
            HUB_OTHER, BENCH, GC, JIT, JVM, OTHER, BROKER);

    private static final Set<String> HUB = Set.of(WRITER, HUB_MQTT, EVENT_LOOPS, ALERTS, HOUSEKEEPING, WORKERS,
            HUB_OTHER);

    private final String hubClientId;

    public ThreadGroups(String hubClientId) {
        this.hubClientId = hubClientId;
    }

    /** True for the groups that are the hub's own threads. */
    public static boolean isHub(String group) {
        return HUB.contains(group);
    }

    /** The group of a thread known by its name alone (Vert.x workers stay {@link #WORKERS}). */
    public String of(String name) {
        if (name == null) {
            return OTHER;
        }
        if (name.startsWith("hub-ingest-writ")) {
            return WRITER;
        }
        if (name.startsWith("hub-mqtt-connec")) {
            return HUB_MQTT;
        }
        if (name.startsWith("MQTT ")) {
            int colon = name.indexOf(':');
            String client = colon < 0 ? "" : name.substring(colon + 1).strip();
            boolean hub = client.isEmpty() ? false : hubClientId.startsWith(client) || client.startsWith(hubClientId);
            return hub ? HUB_MQTT : BENCH;
        }
        if (name.startsWith("vert.x-eventloo") || name.startsWith("vert.x-accepto")) {
            return EVENT_LOOPS;
        }
        if (name.startsWith("vert.x-worker") || name.startsWith("vert.x-internal")) {
            return WORKERS;
        }
        if (name.startsWith("hub-")) {
            return HUB_OTHER;
        }
        if (name.startsWith("bench-") || name.equals("main") || name.equals("java")
                || name.startsWith("HttpClient")) {
            return BENCH;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.contains("CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("JFR") || name.startsWith("VM ") || name.equals("Sweeper thread")
                || name.startsWith("Service Thread") || name.startsWith("Monitor Deflati")) {
            return JVM;
        }
        return OTHER;
    }

    /** The group of a sampled thread: a Vert.x worker is the alert evaluator or housekeeping by its stack. */
    public String of(String name, RecordedStackTrace stack) {
        String group = of(name);
        if (!group.equals(WORKERS) || stack == null) {
            return group;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("fr.relais.hub.alert.AlertEvaluator")) {
                return ALERTS;
            }
            if (type.startsWith("fr.relais.hub.rollup.") || type.startsWith("fr.relais.hub.command.CommandTimeouts")) {
                return HOUSEKEEPING;
            }
        }
        return group;
    }
}
