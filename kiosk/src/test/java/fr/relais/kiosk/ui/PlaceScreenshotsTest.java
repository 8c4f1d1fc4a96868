package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.KioskStates;
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

/**
 * What --screenshots draws: every screen each kind of place shows, and the states past their first look,
 * from the sample content.
 */
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

        // Each screen a kind of place shows at 1280×800 and 800×480, in normal and very large text; home large,
        // contrast, van contrast, the van's list of communes; the mediation place's troubles in both sizes; each
        // state past a screen's first look at 1280×800, 800×480 and very large 800×480.
        int screens = 0;
        for (int kind = 0; kind < Screenshots.KINDS.length; kind++) {
            for (ScreenId screen : ScreenId.values()) {
                screens += Screenshots.shows(kind, screen) ? 1 : 0;
            }
        }
        assertThat(screens).as("mediation and van: all but coworking; coworking: no procedures, help, calling")
                .isEqualTo(10 + 8 + 10);
        assertThat(files).hasSize(screens * 4 + Screenshots.KINDS.length * 4 + Screenshots.TROUBLES.length * 2
                + KioskStates.ALL.size() * 3);
        assertThat(files).doesNotHaveDuplicates();
        List<String> names = files.stream().map(file -> file.getFileName().toString()).toList();
        assertThat(names).as("screens a kind of place never shows").doesNotContain("mediation-coworking.png",
                "van-coworking.png", "coworking-help.png", "coworking-procedures.png", "coworking-calling.png");
        assertThat(names).contains("mediation-help-ticket.png", "mediation-help-slots-800x480.png",
                "mediation-help-first-name.png", "mediation-workshops-first-name-very-large-800x480.png",
                "mediation-help-code.png", "mediation-workshops-pending-800x480.png", "coworking-coworking-badged.png",
                "mediation-technician-pin-800x480.png", "mediation-technician-badge.png",
                "mediation-idle-prompt-very-large-800x480.png");
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
