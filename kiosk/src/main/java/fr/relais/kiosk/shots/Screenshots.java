package fr.relais.kiosk.shots;

import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.Site;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.ScreenId;
import fr.relais.kiosk.ui.TextSize;
import fr.relais.protocol.SiteKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Draws every main screen of each kind of place from the built-in sample content, to PNG files:
 * how reviewers look at the kiosk without a Pi. Runs on the JavaFX thread (the caller's job).
 * Files: {@code {kind}-{screen}.png} (1280×800), {@code {kind}-{screen}-800x480.png}, the same two in
 * very large text ({@code -very-large}), and the home screen in large text and in high contrast.
 */
public final class Screenshots {

    public static final String[] KINDS = {"mediation", "coworking", "van"};
    private static final String[] NAMES = {"Tiers-lieu numérique de Montcornet", "Coworking de la Praille",
            "Bus France Services"};

    private Screenshots() {
    }

    /** @return the files written */
    public static List<Path> render(Path dir, Instant now) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            String kind = KINDS[k];
            for (ScreenId screen : ScreenId.values()) {
                String name = kind + "-" + screen.name().toLowerCase(Locale.ROOT).replace('_', '-');
                written.add(shoot(dir, name + ".png", k, screen, 1280, 800, TextSize.NORMAL, false, now));
                written.add(shoot(dir, name + "-800x480.png", k, screen, 800, 480, TextSize.NORMAL, false, now));
                // The visitor's largest text, where screens run out of room first.
                written.add(shoot(dir, name + "-very-large.png", k, screen, 1280, 800, TextSize.VERY_LARGE, false,
                        now));
                written.add(shoot(dir, name + "-very-large-800x480.png", k, screen, 800, 480, TextSize.VERY_LARGE,
                        false, now));
            }
            written.add(shoot(dir, kind + "-home-large.png", k, ScreenId.HOME, 1280, 800, TextSize.LARGE, false, now));
            written.add(shoot(dir, kind + "-home-contrast.png", k, ScreenId.HOME, 1280, 800, TextSize.NORMAL, true,
                    now));
            written.add(shoot(dir, kind + "-van-contrast-800x480.png", k, ScreenId.VAN, 800, 480, TextSize.LARGE, true,
                    now));
        }
        return written;
    }

    /** A kiosk of the {@code k}-th kind showing the sample content, not yet on a scene. */
    public static KioskUi sampleKiosk(int k, Instant now) {
        SiteKind kind = SiteKind.values()[0];
        for (SiteKind candidate : SiteKind.values()) {
            if (candidate.wire().equals(KINDS[k])) {
                kind = candidate;
            }
        }
        KioskConfig config = new KioskConfig(new Site(NAMES[k], kind), Duration.ofSeconds(120), false);
        KioskAgent agent = KioskAgent.preloaded(SampleContent.forKind(KINDS[k], now), SampleContent.devices(),
                now.minusSeconds(125));
        return new KioskUi(config, Clock.fixed(now, java.time.ZoneOffset.UTC), agent);
    }

    private static Path shoot(Path dir, String file, int k, ScreenId screen, int width, int height, TextSize size,
                              boolean contrast, Instant now) throws IOException {
        KioskUi ui = sampleKiosk(k, now);
        ui.setTextSize(size);
        ui.setHighContrast(contrast);
        ui.show(screen);
        Scene scene = ui.createScene(width, height);
        if (screen == ScreenId.VAN) {
            // Show a commune's visits and its QR code rather than an empty choice.
            ((TextField) scene.lookup("#van-search")).setText("parfondeval");
        }
        ui.stop();
        settle(scene);
        WritableImage image = scene.snapshot(null);
        Path target = dir.resolve(file);
        ImageIO.write(toBuffered(image), "png", target.toFile());
        return target;
    }

    /**
     * Wrapped text settles over a few layout passes, as over a few frames on a real screen: drawn after a
     * single pass, the top bar's wrapping row kept the height it had before it knew its width (a third of
     * a 7-inch display).
     */
    static void settle(Scene scene) {
        for (int pass = 0; pass < 3; pass++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }

    /** Without javafx-swing: a pixel copy is all SwingFXUtils would do here. */
    static BufferedImage toBuffered(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return buffered;
    }
}
