package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What --screenshots draws: every main screen of each kind of place from the sample content. */
@ExtendWith(ApplicationExtension.class)
class PlaceScreenshotsTest {

    private static final Path DIR = Path.of(System.getProperty("screenshots.dir", "target/screenshots"), "places");

    @Start
    void start(Stage stage) {
        // The renderer makes scenes of its own.
    }

    @Test
    void everyScreenOfEveryKindOfPlaceIsDrawnInBothSizes() throws Exception {
        List<Path> files = WaitForAsyncUtils.asyncFx(() -> Screenshots.render(DIR, Instant.now()))
                .get(5, TimeUnit.MINUTES);

        // Each screen at 1280×800 and 800×480, in normal and very large text; home large, contrast, van contrast,
        // the van's list of communes; then the mediation place's troubles in both sizes.
        int perKind = ScreenId.values().length * 4 + 4;
        assertThat(files).hasSize(Screenshots.KINDS.length * perKind + Screenshots.TROUBLES.length * 2);
        assertThat(files).allSatisfy(file -> assertThat(Files.size(file)).isGreaterThan(10_000));
        assertThat(DIR.resolve("van-van.png")).exists();
        assertThat(DIR.resolve("coworking-coworking-800x480.png")).exists();
        assertThat(DIR.resolve("mediation-home-contrast.png")).exists();
        assertThat(DIR.resolve("mediation-procedures-very-large-800x480.png")).exists();
        assertThat(DIR.resolve("van-van-choice-very-large-800x480.png")).exists();
        assertThat(DIR.resolve("mediation-home-agent-stopped-800x480.png")).exists();
        assertThat(DIR.resolve("mediation-printing-printer-unplugged.png")).exists();
        assertThat(DIR.resolve("mediation-printing-out-of-paper-800x480.png")).exists();
    }
}
