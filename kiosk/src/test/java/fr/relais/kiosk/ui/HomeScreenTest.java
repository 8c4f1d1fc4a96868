package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class HomeScreenTest {

    /** WCAG's minimum touch target; the kiosk aims far above it. */
    private static final double MIN_TOUCH_TARGET_PX = 48;

    private KioskUi ui;

    @Start
    void start(Stage stage) {
        ui = TestKiosks.show(stage, Clock.systemUTC());
    }

    @Stop
    void stop() {
        ui.stop();
    }

    @Test
    void showsTheSiteNameTheGreetingAndFiveBigTiles(FxRobot robot) {
        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        assertThat(robot.lookup("#site-name").queryAs(Label.class).getText()).isEqualTo(TestKiosks.SITE_NAME);
        assertThat(plain(robot.lookup("#greeting").queryAs(Label.class).getText()))
                .isEqualTo("Bonjour, que souhaitez-vous faire ?");

        Set<Button> tiles = robot.lookup(".tile").queryAllAs(Button.class);
        assertThat(tiles).extracting(Node::getId).containsExactlyInAnyOrder(
                "tile-procedures", "tile-computer", "tile-printing", "tile-workshops", "tile-van");
        assertThat(tiles).extracting(Button::getAccessibleText).containsExactlyInAnyOrder(
                "Faire une démarche en ligne", "Utiliser un ordinateur", "Imprimer ou scanner un document",
                "Les ateliers", "Quand passe le bus France Services\u00a0?");
        assertThat(tiles).allSatisfy(tile -> assertBigEnoughToTouch(tile, 3 * MIN_TOUCH_TARGET_PX));
    }

    @Test
    void theEndSessionButtonIsAlwaysThereAndEasyToTouch(FxRobot robot) {
        Button end = robot.lookup("#end-session-button").queryButton();

        assertThat(end.getText()).isEqualTo("Terminer / Effacer ma session");
        assertThat(end.isVisible()).isTrue();
        assertBigEnoughToTouch(end, MIN_TOUCH_TARGET_PX);
    }

    @ParameterizedTest(name = "{0} opens \"{2}\"")
    @CsvSource({
        "tile-procedures, PROCEDURES, Faire une démarche en ligne",
        "tile-computer,   COMPUTER,   Utiliser un ordinateur",
        "tile-printing,   PRINTING,   Imprimer ou scanner un document",
        "tile-workshops,  WORKSHOPS,  Les ateliers",
        "tile-van,        VAN,        Quand passe le bus France Services ?",
    })
    void eachTileOpensItsScreenAndAccueilComesBack(String tile, ScreenId screen, String title, FxRobot robot) {
        robot.clickOn("#" + tile);

        assertThat(ui.currentScreen()).isEqualTo(screen);
        assertThat(robot.lookup("#" + screen.nodeId()).tryQuery()).isPresent();
        assertThat(plain(robot.lookup("#screen-title").queryAs(Label.class).getText())).isEqualTo(title);
        Button home = robot.lookup("#home-button").queryButton();
        assertThat(home.getText()).isEqualTo("Accueil");
        assertBigEnoughToTouch(home, MIN_TOUCH_TARGET_PX);

        robot.clickOn(home);

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        assertThat(robot.lookup("#screen-home").tryQuery()).isPresent();
        assertThat(robot.lookup("#home-button").tryQuery()).isEmpty();
    }

    @Test
    void theInformationScreensSendVisitorsToTheDeskWhenTheKioskDoesNotKnow(FxRobot robot) {
        // No agent here (brochure mode): the screens say so and send visitors to the desk.
        robot.clickOn("#tile-workshops");
        assertThat(texts(robot, "#screen-workshops"))
                .anyMatch(p -> p.contains("Le programme est affiché à l'accueil"))
                .contains(plain(Ui.NOT_AVAILABLE));

        robot.clickOn("#home-button").clickOn("#tile-van");
        assertThat(texts(robot, "#screen-van"))
                .anyMatch(p -> p.contains("au moins une fois par mois"))
                .anyMatch(p -> p.contains("demandez à l'accueil"))
                .contains(plain(Ui.NOT_AVAILABLE));
        robot.clickOn("#home-button");
        assertThat(robot.lookup("#open-now").query().isVisible()).as("no hours without an agent").isFalse();
    }

    private static java.util.List<String> texts(FxRobot robot, String screen) {
        return robot.lookup(screen + " .label").queryAllAs(Label.class).stream()
                .map(label -> plain(label.getText()))
                .toList();
    }

    private static void assertBigEnoughToTouch(Node node, double minPx) {
        Bounds bounds = node.getBoundsInParent();
        assertThat(bounds.getWidth()).as("width of %s", node.getId()).isGreaterThanOrEqualTo(minPx);
        assertThat(bounds.getHeight()).as("height of %s", node.getId()).isGreaterThanOrEqualTo(minPx);
    }
}
