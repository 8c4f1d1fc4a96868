package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The evdev driver's real code path (libc open, poll, read through JNA) on a named pipe standing
 * for the reader's input device. This machine has no /dev/uinput, so no virtual keyboard: the
 * grab itself is only exercised for its failure on a pipe.
 */
class EvdevReaderTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HASH = TestDriverContext.HASHER.hash("0004213370");

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private Device device;
    private FifoReader reader;

    /** The driver first, so that it does not see the pipe's end as an unplug. */
    @AfterEach
    void close() throws Exception {
        if (device != null) {
            device.close();
        }
        if (reader != null) {
            reader.close();
        }
    }

    private FifoReader plugIn() throws Exception {
        reader = new FifoReader(dir.resolve("usb-reader-event-kbd")).plugIn();
        return reader;
    }

    private static DeviceConfig config(Path path, boolean grab) {
        return new DeviceConfig("badge-usb", DeviceKind.BADGE_READER, "Lecteur USB de l'accueil", "evdev",
                Duration.ofSeconds(1), Duration.ofSeconds(5), new EvdevSettings(path, grab, KeyLayout.QWERTY));
    }

    private Device open(FifoReader reader) throws DeviceException {
        device = new EvdevDriver().create(config(reader.path(), false), new TestDriverContext());
        device.open(sink);
        return device;
    }

    private List<DeviceEvent> reads() {
        return sink.events(BadgeEvents.READ);
    }

    @Test
    void aNumberTypedByTheReaderIsSentAsItsHash() throws Exception {
        open(plugIn());
        reader.send(Keystrokes.lp64().line("0004213370").bytes());

        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(reads().get(0).data()).containsEntry("badgeHash", HASH).containsEntry("format", "keyboard");
        Reading reading = device.read(Instant.now());
        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("connected", true).containsEntry("framesRead", 1L);
    }

    @Test
    void recordsSplitAcrossWritesAreReassembled() throws Exception {
        open(plugIn());
        byte[] stream = Keystrokes.lp64().line("0004213370").bytes();
        for (int offset = 0; offset < stream.length; offset += 37) {
            reader.send(java.util.Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + 37)));
        }
        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(sink.events(BadgeEvents.REJECTED)).isEmpty();
    }

    @Test
    void aNumberWithoutEnterIsRefusedAfterTheTimeout() throws Exception {
        open(plugIn());
        reader.send(Keystrokes.lp64().type("000421").bytes());

        await().atMost(WAIT).until(() -> sink.events(BadgeEvents.REJECTED).size() == 1);
        assertThat(sink.events(BadgeEvents.REJECTED).get(0).data())
                .containsEntry("reason", "incomplete number (no Enter within 1000 ms)");
        assertThat(reads()).isEmpty();
        assertThat(device.read(Instant.now()).metrics()).containsEntry("rejectedFrames", 1L);
    }

    @Test
    void anUnpluggedReaderIsCriticalAndReadAgainOncePluggedBack() throws Exception {
        open(plugIn());
        reader.unplug();

        await().atMost(WAIT).until(() -> sink.events(ReaderEvents.UNPLUGGED).size() == 1);
        Reading unplugged = device.read(Instant.now());
        assertThat(unplugged.health()).isEqualTo(Health.CRITICAL);
        assertThat(unplugged.metrics()).containsEntry("connected", false).containsEntry("unplugs", 1L);
        assertThat((String) unplugged.metrics().get("error")).startsWith("reader unplugged (end of stream on");

        reader.plugIn();
        await().atMost(WAIT).until(() -> sink.events(ReaderEvents.RECONNECTED).size() == 1);
        reader.send(Keystrokes.lp64().line("0004213370").bytes());
        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(device.read(Instant.now()).health()).isEqualTo(Health.OK);
        assertThat(sink.events(ReaderEvents.UNPLUGGED)).hasSize(1);
    }

    @Test
    void aMissingDeviceIsAClearOpenFailure() {
        Device missing = new EvdevDriver().create(config(dir.resolve("usb-absent-event-kbd"), true),
                new TestDriverContext());
        assertThatThrownBy(() -> missing.open(sink)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("no input device " + dir.resolve("usb-absent-event-kbd"))
                .hasMessageContaining("/dev/input/by-id/");
    }

    @Test
    void grabbingAPipeFailsClearlyInTheHealthAndTheLogWithoutStoppingTheNode() throws Exception {
        Logger slotLogger = (Logger) LoggerFactory.getLogger("fr.relais.agent.device");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        slotLogger.addAppender(log);
        List<Reading> readings = new CopyOnWriteArrayList<>();
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        DeviceReports reports = new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
                readings.add(reading);
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
                events.add(event);
            }
        };
        ScheduledExecutorService nodeThread = Executors.newSingleThreadScheduledExecutor();
        plugIn();
        try (DeviceSet devices = DeviceSet.create("rozoy-pi", "rozoy", List.of(config(reader.path(), true)),
                     DriverRegistry.standard(), Optional.of("test-only-badge-key-0123456789abcdef"), reports,
                     Clock.systemUTC(), () -> false)) {
            devices.start(nodeThread);
            reader.send(Keystrokes.lp64().line("0004213370").bytes());

            await().atMost(WAIT).until(() -> readings.size() >= 2);
            assertThat(readings).allSatisfy(reading -> {
                assertThat(reading.health()).isEqualTo(Health.CRITICAL);
                assertThat((String) reading.metrics().get("error"))
                        .contains("cannot grab " + reader.path() + " for this agent alone (EVIOCGRAB)")
                        .contains("not an input event device");
            });
            assertThat(events).isEmpty();
            assertThat(log.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                    .contains("EVIOCGRAB").contains("typed into the kiosk"));
        } finally {
            nodeThread.shutdownNow();
            slotLogger.detachAppender(log);
        }
    }
}
