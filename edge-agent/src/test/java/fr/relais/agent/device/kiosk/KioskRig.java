package fr.relais.agent.device.kiosk;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * A kiosk watch wired to real programs: small shell scripts stand for systemctl and the screen
 * commands, each writing the words it was called with to a file of the test's folder; the
 * status the fake systemctl prints is a file the test writes. The heartbeat is a real file whose
 * time the test sets, and the driver's clock is the test's.
 */
final class KioskRig implements AutoCloseable {
    final Path dir;
    final MutableClock clock;
    final Path heartbeat;
    final List<DeviceEvent> pushed = new CopyOnWriteArrayList<>();
    private KioskWatch watch;

    KioskRig(Path dir, Instant start) {
        this.dir = dir;
        this.clock = new MutableClock(start);
        this.heartbeat = dir.resolve("heartbeat");
        script("systemctl-show", "echo \"$*\" >> '" + dir.resolve("status-calls") + "'\ncat '" + dir.resolve("status") + "'");
        script("restart", "echo \"$*\" >> '" + dir.resolve("restart-calls") + "'\necho restarted");
        active(0, 100);
    }

    /** An executable shell script in the test's folder; returns its path. */
    Path script(String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** What the fake {@code systemctl show} prints next. */
    void status(String text) {
        write(dir.resolve("status"), text);
    }

    void active(long restarts, long pid) {
        status("ActiveState=active\nSubState=running\nLoadState=loaded\nNRestarts=" + restarts
                + "\nExecMainStatus=0\nExecMainCode=0\nExecMainPID=" + pid + "\n");
    }

    /** The kiosk's sign of life, at the test clock's time. */
    void touch() {
        try {
            if (!Files.exists(heartbeat)) {
                Files.createFile(heartbeat);
            }
            Files.setLastModifiedTime(heartbeat, FileTime.from(clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines a script wrote, one per call; empty if it was never called. */
    List<String> calls(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fake systemctl, with the status command's words after it. */
    String statusCommand() {
        return "[" + dir.resolve("systemctl-show") + ", show, --property=ActiveState, relais-kiosk.service]";
    }

    String restartCommand() {
        return "[" + dir.resolve("restart") + ", restart, relais-kiosk.service]";
    }

    /** Reads {@code settings} (YAML lines indented under settings:) as agent.yaml would, then opens the watch. */
    KioskWatch watch(String settings) {
        DeviceConfig config = load(dir, settings);
        watch = (KioskWatch) new KioskWatchDriver().create(config, context(clock));
        watch.open(new DeviceSink() {
            @Override
            public void event(DeviceEvent event) {
                pushed.add(event);
            }

            @Override
            public void reading(Reading reading) {
            }
        });
        return watch;
    }

    Reading read() {
        return watch.read(clock.instant());
    }

    List<String> pushedTypes() {
        return pushed.stream().map(DeviceEvent::type).toList();
    }

    static DeviceConfig load(Path dir, String settings) {
        String yaml = """
                node: rozoy-pi
                site: {id: rozoy, name: "Tiers-lieu de Rozoy", kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - id: kiosk
                    kind: kiosk
                    name: Borne d'accueil
                    driver: kiosk-watch
                """ + (settings.isBlank() ? "" : "    settings:\n" + settings.stripTrailing().indent(6));
        try {
            return new ConfigLoader(Map.of()).parse(yaml, dir).devices().get(0);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static DriverContext context(Clock clock) {
        return new DriverContext() {
            @Override
            public String node() {
                return "rozoy-pi";
            }

            @Override
            public String site() {
                return "rozoy";
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public BadgeHasher badges() {
                throw new IllegalStateException("the kiosk watch reads no badge");
            }

            @Override
            public ScheduledExecutorService timers() {
                throw new IllegalStateException("the kiosk watch needs no timer");
            }

            @Override
            public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
                throw new IllegalStateException("the kiosk watch shares nothing");
            }

            @Override
            public boolean replayingBacklog() {
                return false;
            }
        };
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
