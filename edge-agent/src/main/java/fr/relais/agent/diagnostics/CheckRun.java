package fr.relais.agent.diagnostics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one driver the way the node runs it (its own thread, its read timeout, the same open and
 * read code), for {@code agent check}: a reading, then, for {@code wait} seconds, whatever the
 * device pushes; a badge reader stops at its first read.
 */
final class CheckRun implements DeviceReports {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    /** The configuration of a node holding only this device, checked like a real one. */
    static NodeConfig config(CheckTarget target, Optional<Long> readTimeoutSeconds, String badgeKey, Path scratch,
                             DriverRegistry drivers) throws ConfigException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("node", "check");
        root.putObject("site").put("id", "check").put("name", "check").put("kind", "mediation");
        root.putObject("broker").put("url", "tcp://127.0.0.1:1883");
        root.putObject("storage").put("file", scratch.resolve("check.db").toString());
        root.putObject("badges").put("hashKey", badgeKey);
        ObjectNode device = root.putArray("devices").addObject();
        device.put("id", "check").put("kind", target.kind()).put("name", "check").put("driver", target.driver())
                .put("pollSeconds", 1);
        readTimeoutSeconds.ifPresent(seconds -> device.put("readTimeoutSeconds", seconds));
        device.set("settings", target.settings());
        try {
            return new ConfigLoader(System.getenv(), drivers).parse(YAML.writeValueAsString(root), scratch);
        } catch (IOException e) {
            throw new ConfigException("cannot write the check's configuration: " + e.getMessage(), e);
        }
    }

    /** Runs it; the last reading and every event, or empty if the device never answered. */
    Optional<Reading> run(NodeConfig config, DriverRegistry drivers, Duration wait, boolean untilBadge)
            throws InterruptedException {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        DeviceSet devices = DeviceSet.create(config.node(), config.site().id(), config.devices(), drivers,
                config.badgeHashKey(), this, Clock.systemUTC(), () -> false);
        try {
            devices.start(thread);
            Duration readTimeout = config.devices().get(0).readTimeout();
            Instant firstDeadline = Instant.now().plus(readTimeout).plusSeconds(3);
            while (readings.isEmpty() && Instant.now().isBefore(firstDeadline)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            Instant end = Instant.now().plus(wait);
            while (Instant.now().isBefore(end) && !(untilBadge && sawBadge())) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            thread.shutdownNow();
            devices.close();
        }
        return readings.isEmpty() ? Optional.empty() : Optional.of(readings.get(readings.size() - 1));
    }

    List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    private boolean sawBadge() {
        return events.stream().anyMatch(event -> event.type().equals(BadgeEvents.READ)
                || event.type().equals(BadgeEvents.REJECTED));
    }

    @Override
    public void reading(String deviceId, Reading reading) {
        readings.add(reading);
    }

    @Override
    public void event(String deviceId, DeviceEvent event) {
        events.add(event);
    }
}
