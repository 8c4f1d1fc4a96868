package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial-badge driver's real code path (jSerialComm) on a pseudo-terminal pair made by
 * socat: the test writes what a reader module sends on one end, the driver reads the other.
 */
class SerialBadgeReaderTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HASH = TestDriverContext.HASHER.hash("0004213370");
    private static final byte[] CARD = Rdm6300Frames.frame(0x1A, 4_213_370L);

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private SocatPair pair;
    private Device device;

    @AfterEach
    void close() throws Exception {
        if (device != null) {
            device.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private Device open(SerialFrameFormat format) throws Exception {
        pair = SocatPair.start(dir);
        DeviceConfig config = new DeviceConfig("badge-rfid", DeviceKind.BADGE_READER, "Lecteur RFID de la porte",
                "serial-badge", Duration.ofSeconds(1), Duration.ofSeconds(5),
                new SerialBadgeSettings(pair.agentSide().toString(), 9600, format));
        device = new SerialBadgeDriver().create(config, new TestDriverContext());
        device.open(sink);
        return device;
    }

    private List<DeviceEvent> reads() {
        return sink.events(BadgeEvents.READ);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void anRdm6300FrameIsSentAsTheCardsHash() throws Exception {
        open(SerialFrameFormat.RDM6300);
        pair.send(CARD);

        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(reads().get(0).data()).containsEntry("badgeHash", HASH).containsEntry("format", "rdm6300");
        Reading reading = device.read(Instant.now());
        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("connected", true).containsEntry("framesRead", 1L);
    }

    @Test
    void aCardLyingOnTheModuleIsOneRead() throws Exception {
        open(SerialFrameFormat.RDM6300);
        pair.send(concat(CARD, CARD, CARD, CARD, CARD));

        await().atMost(WAIT).until(() -> ((Long) device.read(Instant.now()).metrics().get("framesRead")) == 5L);
        assertThat(reads()).hasSize(1);
        assertThat(device.read(Instant.now()).metrics()).containsEntry("repeatsFolded", 4L);
    }

    @Test
    void garbageAndBadChecksumsAreRefusedAndCountedAndTheGoodFrameStillRead() throws Exception {
        open(SerialFrameFormat.RDM6300);
        byte[] badChecksum = Rdm6300Frames.frame(0x1A, 4_213_370L, 0x00);
        pair.send(concat(new byte[] {(byte) 0xff, 0x7f, 0x00}, badChecksum, CARD));

        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(sink.events(BadgeEvents.REJECTED)).extracting(event -> event.data().get("reason"))
                .containsExactly("bytes outside a frame", "bad checksum");
        assertThat(device.read(Instant.now()).metrics()).containsEntry("rejectedFrames", 2L);
    }

    @Test
    void aFrameCutShortIsRefusedAfterTheTimeout() throws Exception {
        open(SerialFrameFormat.RDM6300);
        pair.send(java.util.Arrays.copyOf(CARD, 9));

        await().atMost(WAIT).until(() -> sink.events(BadgeEvents.REJECTED).size() == 1);
        assertThat(sink.events(BadgeEvents.REJECTED).get(0).data())
                .containsEntry("reason", "incomplete frame (no ETX within 1000 ms)");
        assertThat(reads()).isEmpty();
    }

    @Test
    void aLineReaderIsReadLineByLine() throws Exception {
        open(SerialFrameFormat.LINE);
        pair.send("\u00020004213370\u0003\r\n12#4\r\n".getBytes(StandardCharsets.US_ASCII));

        await().atMost(WAIT).until(() -> reads().size() == 1 && sink.events(BadgeEvents.REJECTED).size() == 1);
        assertThat(reads().get(0).data()).containsEntry("badgeHash", HASH).containsEntry("format", "serial-line");
    }

    @Test
    void anUnpluggedReaderIsCriticalAndReadAgainOncePluggedBack() throws Exception {
        open(SerialFrameFormat.RDM6300);
        pair.unplug();

        await().atMost(WAIT).until(() -> sink.events(ReaderEvents.UNPLUGGED).size() == 1);
        Reading unplugged = device.read(Instant.now());
        assertThat(unplugged.health()).isEqualTo(Health.CRITICAL);
        assertThat((String) unplugged.metrics().get("error"))
                .isEqualTo("reader unplugged (serial port " + pair.agentSide() + " went away (read error))");

        pair.plugIn();
        await().atMost(WAIT).until(() -> sink.events(ReaderEvents.RECONNECTED).size() == 1);
        pair.send(CARD);
        await().atMost(WAIT).until(() -> reads().size() == 1);
        assertThat(device.read(Instant.now()).health()).isEqualTo(Health.OK);
        assertThat(device.read(Instant.now()).metrics()).containsEntry("unplugs", 1L);
    }

    @Test
    void aMissingPortIsAClearOpenFailure() {
        DeviceConfig config = new DeviceConfig("badge-rfid", DeviceKind.BADGE_READER, "Lecteur RFID", "serial-badge",
                Duration.ofSeconds(1), Duration.ofSeconds(5),
                new SerialBadgeSettings("/dev/serial/by-id/usb-absent-if00-port0", 9600, SerialFrameFormat.RDM6300));
        Device missing = new SerialBadgeDriver().create(config, new TestDriverContext());
        assertThatThrownBy(() -> missing.open(sink)).isInstanceOf(DeviceException.class)
                .hasMessage("no serial port /dev/serial/by-id/usb-absent-if00-port0 (reader unplugged, or a wrong path:"
                        + " see ls -l /dev/serial/by-id/)");
    }
}
