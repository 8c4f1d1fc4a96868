package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.procedureIds;
import static fr.relais.kiosk.ui.TestKiosks.searchField;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ProceduresScreenTest {

    private static final int ALL_PROCEDURES = 8;

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
    void listsEveryProcedureWithGuidanceAndTheMediatorAdvice(FxRobot robot) {
        robot.clickOn("#tile-procedures");

        assertThat(procedureIds(robot)).hasSize(ALL_PROCEDURES).startsWith("procedure-caf", "procedure-france-travail");
        assertThat(robot.lookup(".mediator-tip").queryAllAs(javafx.scene.control.Label.class))
                .hasSize(ALL_PROCEDURES)
                .allSatisfy(tip -> assertThat(tip.getText()).startsWith("Demandez à un médiateur\u00a0: "));
        assertThat(robot.lookup("#procedure-no-match").query().isVisible()).isFalse();
    }

    @Test
    void typingInTheSearchFieldFiltersTheList(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("impot");

        assertThat(procedureIds(robot)).containsExactly("procedure-impots");

        robot.write(" xylophone");

        assertThat(procedureIds(robot)).isEmpty();
        assertThat(robot.lookup("#procedure-no-match").query().isVisible()).isTrue();
    }

    @Test
    void theEffacerButtonEmptiesTheSearch(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("passeport");
        assertThat(procedureIds(robot)).containsExactly("procedure-identite");

        robot.clickOn("#procedure-search-clear");

        assertThat(searchField(robot).getText()).isEmpty();
        assertThat(procedureIds(robot)).hasSize(ALL_PROCEDURES);
    }

    @Test
    void goingHomeKeepsTheSearchWithinTheSameSession(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("caf");

        robot.clickOn("#home-button").clickOn("#tile-procedures");

        assertThat(searchField(robot).getText()).isEqualTo("caf");
    }

    @Test
    void terminerWipesWhatWasTypedAndReturnsHome(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("securite sociale");
        TextField typedInto = searchField(robot);

        robot.clickOn("#end-session-button");

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        robot.clickOn("#tile-procedures");
        TextField fresh = searchField(robot);
        assertThat(fresh.getText()).isEmpty();
        assertThat(procedureIds(robot)).hasSize(ALL_PROCEDURES);
        // A new field, not a cleared one: the old field's undo history cannot bring the text back.
        assertThat(fresh).isNotSameAs(typedInto);
    }

    @Test
    void terminerEmptiesTheClipboard(FxRobot robot) throws Exception {
        robot.interact(() -> Clipboard.getSystemClipboard()
                .setContent(Map.of(DataFormat.PLAIN_TEXT, "1 84 12 75 123 456 78")));
        assertThat(clipboardHasText()).isTrue();

        robot.clickOn("#end-session-button");

        assertThat(clipboardHasText()).isFalse();
    }

    private static boolean clipboardHasText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().hasString()).get(10, TimeUnit.SECONDS);
    }
}
