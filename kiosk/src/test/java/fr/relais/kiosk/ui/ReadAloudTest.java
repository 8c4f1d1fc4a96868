package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.kiosk.shots.Screenshots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real espeak-ng reads real screens into WAV files (no sound card needed): a RIFF/WAVE file of
 * some length, longer for a longer screen, and the same whatever the visitor typed. Required: a
 * machine without espeak-ng fails here with the command that installs it.
 */
@ExtendWith(ApplicationExtension.class)
class ReadAloudTest {

    private static final Duration READING_AT_MOST = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    @Test
    void espeakNgReadsARealScreenIntoAWavFile() throws Exception {
        Path wav = dir.resolve("home.wav");
        String text = read(ScreenId.HOME, wav);

        assertThat(text).contains("Bonjour, que souhaitez-vous faire ?");
        Wav sound = Wav.read(wav);
        assertThat(sound.seconds()).as("a whole screen takes seconds to read").isGreaterThan(3);
    }

    @Test
    void aLongerScreenGivesALongerReading() throws Exception {
        String calling = read(ScreenId.CALLING, dir.resolve("short.wav"));
        String home = read(ScreenId.HOME, dir.resolve("long.wav"));
        assertThat(home.length()).as("the test needs two screens of clearly different lengths")
                .isGreaterThan(2 * calling.length());

        assertThat(Wav.read(dir.resolve("long.wav")).seconds())
                .isGreaterThan(1.5 * Wav.read(dir.resolve("short.wav")).seconds());
    }

    @Test
    void whatTheVisitorTypedIsNeverRead() throws Exception {
        Path empty = dir.resolve("empty.wav");
        Path typed = dir.resolve("typed.wav");
        String withoutName = readFirstNameStep("", empty);
        String withName = readFirstNameStep("Marguerite Bernadette Dupont", typed);

        assertThat(withName).isEqualTo(withoutName).doesNotContain("Marguerite");
        // espeak-ng is deterministic: the same words give the same samples, a name added would lengthen them.
        assertThat(Wav.read(typed).dataBytes()).isEqualTo(Wav.read(empty).dataBytes());
    }

    /** The van's kiosk showing {@code screen}, read into {@code wav}; returns the text given to espeak-ng. */
    private String read(ScreenId screen, Path wav) throws Exception {
        Node node = WaitForAsyncUtils.asyncFx(() -> shown(screen)).get(30, TimeUnit.SECONDS);
        return record(node, wav);
    }

    /** A workshop's "your first name" step with {@code firstName} typed in its field. */
    private String readFirstNameStep(String firstName, Path wav) throws Exception {
        Node node = WaitForAsyncUtils.asyncFx(() -> {
            Node screen = shown(ScreenId.WORKSHOPS);
            Button register = (Button) screen.lookupAll(".primary-button").stream()
                    .filter(n -> n.getId() != null && n.getId().startsWith("register-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no workshop with free seats in the sample content"));
            register.fire();
            TextField field = (TextField) screen.lookup("#first-name");
            field.setText(firstName);
            return screen;
        }).get(30, TimeUnit.SECONDS);
        return record(node, wav);
    }

    private static Node shown(ScreenId screen) {
        KioskUi ui = Screenshots.sampleKiosk(0, Instant.parse("2026-03-02T09:00:00Z"));
        ui.show(screen);
        Scene scene = ui.createScene(1280, 800);
        ui.stop();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene.lookup("#" + screen.nodeId());
    }

    private static String record(Node screen, Path wav) throws Exception {
        ReadAloud reader = espeakNg().writingTo(wav);
        String text = WaitForAsyncUtils.asyncFx(() -> {
            reader.toggle(screen);
            return ReadAloud.text(screen);
        }).get(30, TimeUnit.SECONDS);
        await().atMost(READING_AT_MOST).until(() -> reader.status().get() != ReadAloud.Status.READING);
        assertThat(reader.status().get()).as("espeak-ng writing a WAV file needs no sound card")
                .isEqualTo(ReadAloud.Status.IDLE);
        return text;
    }

    static ReadAloud espeakNg() {
        return ReadAloud.find(System.getenv("PATH"), Runnable::run).orElseThrow(() -> new AssertionError(
                "espeak-ng is not on the PATH, the kiosk's read-aloud cannot be tested: "
                        + "install it: sudo apt-get install espeak-ng"));
    }

    /** The header of a PCM WAV file as espeak-ng writes it, checked. */
    record Wav(int sampleRate, int bytesPerSecond, int dataBytes) {

        static Wav read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).as("a WAV header and some sound").isGreaterThan(44);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WAVE");
            assertThat(new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("fmt ");
            assertThat(buffer.getShort(20)).as("PCM").isEqualTo((short) 1);
            int sampleRate = buffer.getInt(24);
            int bytesPerSecond = buffer.getInt(28);
            assertThat(new String(bytes, 36, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("data");
            int dataBytes = buffer.getInt(40);
            assertThat(dataBytes).as("the data chunk's size is the rest of the file").isEqualTo(bytes.length - 44);
            assertThat(sampleRate).isGreaterThan(8000);
            return new Wav(sampleRate, bytesPerSecond, dataBytes);
        }

        double seconds() {
            return (double) dataBytes / bytesPerSecond;
        }
    }
}
