package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The privacy guarantee, end to end: a real agent with three badge readers (an RDM6300 and a
 * line reader on socat ptys, a keyboard-wedge reader on a pipe) reads card 0004213370; the
 * number appears in no form in what it sent over MQTT, in its SQLite files (database, WAL) or in
 * its log, at DEBUG level; its keyed hash does appear where it should.
 */
class BadgePrivacyTest {
    private static final String KEY = "rozoy-badge-key-7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c9e";
    private static final String NUMBER = "0004213370";
    private static final byte[] CARD = Rdm6300Frames.frame(0x1A, 4_213_370L);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger relais = (Logger) LoggerFactory.getLogger("fr.relais");
    private Level relaisLevel;

    @BeforeEach
    void captureTheLog() {
        relaisLevel = relais.getLevel();
        relais.setLevel(Level.DEBUG);
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        root.detachAppender(log);
        relais.setLevel(relaisLevel);
    }

    /** Every way the number could be written: decimal with and without zeros, the card's hex, encodings. */
    private static List<String> formsOfTheNumber() {
        String ascii = HexFormat.of().formatHex(NUMBER.getBytes(StandardCharsets.US_ASCII));
        String base64 = Base64.getEncoder().withoutPadding().encodeToString(NUMBER.getBytes(StandardCharsets.US_ASCII));
        String frame = new String(CARD, 1, CARD.length - 2, StandardCharsets.US_ASCII);
        return List.of(NUMBER, "4213370", "00404A7A", "404A7A", "1A00404A7A", frame, ascii, base64);
    }

    private NodeConfig config(MosquittoProcess broker, SocatPair rdm, SocatPair line, FifoReader keyboard)
            throws Exception {
        return new ConfigLoader(Map.of()).parse("""
                node: rozoy-pi
                site: {id: rozoy, name: Coworking de Rozoy-sur-Serre, kind: coworking}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 500}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                badges: {hashKey: "%s"}
                devices:
                  - {id: badge-door, kind: badge-reader, name: Porte du coworking, driver: serial-badge,
                     settings: {port: "%s", format: rdm6300}}
                  - {id: badge-desk, kind: badge-reader, name: Accueil, driver: serial-badge,
                     settings: {port: "%s", format: line}}
                  - {id: badge-kiosk, kind: badge-reader, name: Borne, driver: evdev,
                     settings: {device: "%s", grab: false}}
                """.formatted(broker.url(), KEY, rdm.agentSide(), line.agentSide(), keyboard.path()),
                dir.resolve("agent"));
    }

    @Test
    void theClearNumberIsNeverSentStoredNorLogged(MosquittoProcess broker) throws Exception {
        String hash = new BadgeHasher(KEY).hash(NUMBER);
        Files.createDirectories(dir.resolve("agent"));
        Files.createDirectories(dir.resolve("rdm"));
        Files.createDirectories(dir.resolve("line"));
        List<String> traffic = java.util.Collections.synchronizedList(new ArrayList<>());
        MqttClient spy = new MqttClient(broker.url(), "privacy-spy", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1_000);
        spy.connect(options);
        spy.subscribe("#", 1, (topic, message) ->
                traffic.add(topic + " " + new String(message.getPayload(), StandardCharsets.ISO_8859_1)));

        try (SocatPair rdm = SocatPair.start(dir.resolve("rdm"));
             SocatPair line = SocatPair.start(dir.resolve("line"));
             FifoReader keyboard = new FifoReader(dir.resolve("usb-reader-event-kbd")).plugIn()) {
            EdgeAgent agent = EdgeAgent.start(config(broker, rdm, line, keyboard), Optional.empty(), "test",
                    DriverRegistry.standard());
            try {
                // The card lies on the module (three frames), then a frame with a bad checksum.
                rdm.send(concat(CARD, CARD, CARD, Rdm6300Frames.frame(0x1A, 4_213_370L, 0x00)));
                line.send((NUMBER + "\r\n").getBytes(StandardCharsets.US_ASCII));
                keyboard.send(Keystrokes.lp64().line(NUMBER).bytes());

                await().atMost(WAIT).until(() -> count(traffic, "\"badgeHash\":\"" + hash + "\"") == 3
                        && count(traffic, BadgeEvents.REJECTED) == 1 && count(traffic, "\"framesRead\":3") >= 1);
            } finally {
                agent.close();
            }
        } finally {
            spy.disconnect();
            spy.close();
        }

        String mqtt = String.join("\n", traffic);
        String database = filesUnder(dir.resolve("agent"));
        String logged = logText();
        // The outbox's rows, sent and deleted, linger in free pages: the scan does see message contents.
        assertThat(database).as("the database files were read").contains("\"device\":\"badge-door\"");
        for (String form : formsOfTheNumber()) {
            assertThat(mqtt.toUpperCase(Locale.ROOT)).as("MQTT traffic, form %s", form).doesNotContain(form);
            assertThat(database.toUpperCase(Locale.ROOT)).as("SQLite files, form %s", form).doesNotContain(form);
            assertThat(logged.toUpperCase(Locale.ROOT)).as("log, form %s", form).doesNotContain(form);
        }
        assertThat(mqtt).contains(hash);
        assertThat(logged).contains(hash);
    }

    private static long count(List<String> traffic, String text) {
        synchronized (traffic) {
            return traffic.stream().filter(payload -> payload.contains(text)).count();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The bytes of every file the agent left (database, WAL, shared memory), as Latin-1 text. */
    private static String filesUnder(Path directory) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    private String logText() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : log.list) {
            all.append(event.getThreadName()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap()).append('\n');
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                all.append(thrown.getClassName()).append(": ").append(thrown.getMessage()).append('\n');
            }
        }
        return all.toString();
    }
}
