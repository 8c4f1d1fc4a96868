package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.content.Times;
import fr.relais.kiosk.sample.SampleContent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The home screen's "open now / opens at" line, from the hours the agent serves (the sample place: Monday
 * to Friday 9 h – 12 h and 14 h – 17 h, Saturday 9 h – 12 h, closed at Christmas), at different times.
 */
@ExtendWith(ApplicationExtension.class)
class HomeOpenNowTest {

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-01T10:00 | Ouvert maintenant, jusqu'à 12 h | open   | Aujourd'hui : 9 h – 12 h et 14 h – 17 h
            2026-12-01T12:30 | Fermé, ouvre à 14 h             | closed | Aujourd'hui : 9 h – 12 h et 14 h – 17 h
            2026-12-05T13:00 | Fermé, ouvre lundi à 9 h        | closed | Aujourd'hui : 9 h – 12 h
            2026-12-06T11:00 | Fermé, ouvre demain à 9 h       | closed | Aujourd'hui : fermé
            2026-12-25T10:00 | Fermé, ouvre demain à 9 h       | closed | Aujourd'hui : fermé (Noël)
            """)
    void saysWhetherThePlaceIsOpenAndUntilOrFromWhen(String parisTime, String openNow, String style, String today)
            throws Exception {
        Instant at = LocalDateTime.parse(parisTime).atZone(Times.PARIS).toInstant();
        Label[] shown = WaitForAsyncUtils.asyncFx(() -> {
            KioskAgent agent = KioskAgent.preloaded(SampleContent.forKind("mediation", at), SampleContent.devices(),
                    at.minusSeconds(60));
            KioskUi ui = new KioskUi(TestKiosks.config(), Clock.fixed(at, Times.PARIS), agent);
            Scene scene = ui.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT);
            ui.stop();
            return new Label[] {(Label) scene.lookup("#open-now"), (Label) scene.lookup("#hours-today")};
        }).get(30, TimeUnit.SECONDS);

        assertThat(shown[0].isVisible()).isTrue();
        assertThat(plain(shown[0].getText())).isEqualTo(openNow);
        assertThat(shown[0].getStyleClass()).contains(style);
        assertThat(plain(shown[1].getText())).isEqualTo(today);
    }
}
