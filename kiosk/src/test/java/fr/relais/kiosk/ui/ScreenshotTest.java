package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes PNGs of the screens to target/screenshots, for people to look at: the layout is checked
 * by eye, these tests only check that a real picture was drawn.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    private static final Path DIR = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    /** A blank or nearly blank frame compresses to a few kilobytes. */
    // As PlaceScreenshotsTest: a blank or one-colour 800x480 PNG is a few kB; a drawn screen without an agent,
    // with the lower top bar, is about 17 kB.
    private static final long MIN_PNG_BYTES = 10_000;

    @Start
    void start(Stage stage) {
        // The screenshots use scenes of their own, in several sizes; TestFX only needs its stage.
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScreenId.class)
    void drawsEachScreenAtTheWindowSize(ScreenId screen) throws Exception {
        Path file = shoot(screen, KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT, fileName(screen) + ".png");

        assertRealPicture(file, (int) KioskWindow.WINDOW_WIDTH, (int) KioskWindow.WINDOW_HEIGHT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScreenId.class)
    void drawsEachScreenOnASevenInchPiDisplay(ScreenId screen) throws Exception {
        Path file = shoot(screen, 800, 480, fileName(screen) + "-800x480.png");

        assertRealPicture(file, 800, 480);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1024, 600", "1920, 1080"})
    void drawsTheHomeScreenOnOtherDisplays(int width, int height) throws Exception {
        Path file = shoot(ScreenId.HOME, width, height, "home-" + width + "x" + height + ".png");

        assertRealPicture(file, width, height);
    }

    private static String fileName(ScreenId screen) {
        return screen.name().toLowerCase(Locale.ROOT);
    }

    private static Path shoot(ScreenId screen, double width, double height, String fileName) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            KioskUi ui = new KioskUi(TestKiosks.config(), Clock.systemUTC());
            ui.show(screen);
            Scene scene = ui.createScene(width, height);
            ui.stop();
            fr.relais.kiosk.shots.Screenshots.settle(scene);
            return scene.snapshot(null);
        }).get(30, TimeUnit.SECONDS);
        Files.createDirectories(DIR);
        Path file = DIR.resolve(fileName);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }

    private static void assertRealPicture(Path file, int width, int height) throws IOException {
        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(MIN_PNG_BYTES);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(width);
        assertThat(png.getHeight()).isEqualTo(height);
        assertThat(distinctColours(png)).as("distinct colours: text was drawn, not a flat fill")
                .isGreaterThan(100);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
