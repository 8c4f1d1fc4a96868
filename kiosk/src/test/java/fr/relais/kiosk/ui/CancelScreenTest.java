package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static fr.relais.kiosk.ui.AgentActionsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Cancelling with the code given at registration or booking, against a fake agent over HTTP. */
@ExtendWith(ApplicationExtension.class)
class CancelScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private final ManualClock clock = new ManualClock(Instant.now());
    private LiveKiosk kiosk;

    @Start
    void start(Stage stage) throws Exception {
        kiosk = LiveKiosk.start(stage, dir, SiteKind.MEDIATION, clock);
    }

    @BeforeEach
    void contentArrived() {
        kiosk.awaitContent();
    }

    @Stop
    void stop() {
        kiosk.close();
    }

    @Test
    void aWorkshopRegistrationIsCancelledFromTheWorkshopsScreenWithTheScreensKeys(FxRobot robot) {
        open(robot, "#tile-workshops", ScreenId.WORKSHOPS);
        robot.interact(() -> robot.lookup("#open-cancel").queryButton().fire());
        assertThat(kiosk.ui.currentScreen()).isEqualTo(ScreenId.CANCEL);
        for (String sign : new String[] {"K", "7", "W", "X", "3", "P"}) {
            robot.clickOn("#key-" + sign);
        }
        assertThat(code(robot)).isEqualTo("K7WX3P");

        robot.clickOn("#cancel-next").clickOn("#cancel-workshop").clickOn("#confirm");

        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());
        JsonNode posted = kiosk.agent.posted().get(0);
        assertThat(posted.path("type").asText()).isEqualTo("workshop-cancel");
        assertThat(posted.path("code").asText()).isEqualTo("K7WX3P");
        assertThat(robot.lookup("#action-pending").tryQuery()).isPresent();

        kiosk.agent.answer(kiosk.agent.pendingActions().get(0), "done", "K7WX3P", "Inscription annulée");

        await().atMost(WAIT).until(() -> robot.lookup("#action-message").tryQuery().isPresent());
        assertThat(text(robot, "#action-message")).isEqualTo("Inscription annulée");
        assertThat(robot.lookup("#action-code").tryQuery()).as("a cancelled code is not one to keep").isEmpty();
    }

    @Test
    void anAppointmentIsCancelledFromTheHelpScreenWithACodeTypedInLowerCaseWithSpaces(FxRobot robot) {
        open(robot, "#tile-procedures", ScreenId.PROCEDURES);
        robot.clickOn("#open-help");
        robot.interact(() -> robot.lookup("#open-cancel").queryButton().fire());
        robot.clickOn("#cancel-code").write("k7w x3-p");
        assertThat(code(robot)).isEqualTo("K7WX3P");

        robot.clickOn("#cancel-next").clickOn("#cancel-appointment").clickOn("#confirm");

        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());
        JsonNode posted = kiosk.agent.posted().get(0);
        assertThat(posted.path("type").asText()).isEqualTo("appointment-cancel");
        assertThat(posted.path("code").asText()).isEqualTo("K7WX3P");

        kiosk.agent.answer(kiosk.agent.pendingActions().get(0), "done", "K7WX3P", "Rendez-vous annulé");

        await().atMost(WAIT).until(() -> robot.lookup("#action-message").tryQuery().isPresent());
        assertThat(text(robot, "#action-message")).isEqualTo("Rendez-vous annulé");
    }

    @Test
    void anUnknownCodeIsSaidInTheHubsWordsAndCanBeCorrected(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        robot.clickOn("#cancel-code").write("ABCDEF");
        robot.clickOn("#cancel-next").clickOn("#cancel-workshop").clickOn("#confirm");
        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());

        kiosk.agent.answer(kiosk.agent.pendingActions().get(0), "refused", null, "Code inconnu");

        await().atMost(WAIT).until(() -> robot.lookup("#action-refused").tryQuery().isPresent());
        assertThat(text(robot, "#action-refused")).isEqualTo("Code inconnu");

        robot.clickOn("#cancel-correct");
        assertThat(robot.lookup("#code-keyboard").tryQuery()).isPresent();
        assertThat(code(robot)).as("kept, to correct one sign").isEqualTo("ABCDEF");
        robot.clickOn("#key-back").clickOn("#key-G");
        assertThat(code(robot)).isEqualTo("ABCDEG");
    }

    @Test
    void offlineTheScreenSaysSoBeforeAnythingIsTypedAndSendsNothing(FxRobot robot) {
        kiosk.agent.linkUp(false);
        kiosk.awaitLink(false);

        open(robot, "#tile-workshops", ScreenId.WORKSHOPS);
        robot.interact(() -> robot.lookup("#open-cancel").queryButton().fire());

        assertThat(text(robot, "#action-offline")).isEqualTo(
                "L'annulation sera possible quand la connexion reviendra. Vous pouvez aussi donner votre code à l'accueil.");
        assertThat(robot.lookup("#code-keyboard").tryQuery()).isEmpty();
        assertThat(kiosk.agent.posted()).isEmpty();

        kiosk.agent.linkUp(true);
        kiosk.awaitLink(true);
        await().atMost(WAIT).until(() -> robot.lookup("#code-keyboard").tryQuery().isPresent());
    }

    @Test
    void theLinkGoingDownWhileTheCodeIsTypedGivesTheOfflineSentenceAtConfirmation(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        robot.clickOn("#cancel-code").write("K7WX3P");
        robot.clickOn("#cancel-next").clickOn("#cancel-appointment");

        kiosk.agent.linkUp(false);
        kiosk.awaitLink(false);
        assertThat(code(robot)).as("the code typed is not thrown away by the link going down").isEqualTo("K7WX3P");
        robot.clickOn("#confirm");

        await().atMost(WAIT).until(() -> robot.lookup("#action-offline").tryQuery().isPresent());
        assertThat(text(robot, "#action-offline")).startsWith("L'annulation sera possible quand la connexion reviendra.");
        assertThat(kiosk.agent.pendingActions()).isEmpty();
    }

    @Test
    void theAgentAnsweringOfflineGivesTheSameSentence(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        robot.clickOn("#cancel-code").write("K7WX3P");
        robot.clickOn("#cancel-next").clickOn("#cancel-workshop");
        kiosk.agent.actionsOffline(true);

        robot.clickOn("#confirm");

        await().atMost(WAIT).until(() -> robot.lookup("#action-offline").tryQuery().isPresent());
        assertThat(text(robot, "#action-offline")).startsWith("L'annulation sera possible quand la connexion reviendra.");
        assertThat(kiosk.agent.posted()).as("the agent was asked, and said 503").hasSize(1);
        assertThat(kiosk.agent.pendingActions()).isEmpty();
    }

    @Test
    void garbageIsRefusedOnTheScreenWithAPlainSentence(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));

        robot.clickOn("#cancel-next");
        assertThat(text(robot, "#code-problem")).isEqualTo(
                "Tapez d'abord votre code : 6 signes, sur votre ticket ou votre photo.");

        robot.clickOn("#cancel-code").write("k7");
        robot.clickOn("#cancel-next");
        assertThat(text(robot, "#code-problem")).isEqualTo("Le code a 6 signes : il en manque 4.");

        // No code has an O, a 0, an I or a 1: refused, not guessed at.
        robot.clickOn("#cancel-code").write("O");
        assertThat(text(robot, "#code-problem")).startsWith("Les codes n'ont jamais de O, de 0, de I ni de 1");
        robot.write("1");
        assertThat(text(robot, "#code-problem")).startsWith("Les codes n'ont jamais de O, de 0, de I ni de 1");
        robot.write("#");
        assertThat(text(robot, "#code-problem")).isEqualTo(
                "Un code n'a que des lettres et des chiffres : regardez bien votre code.");
        assertThat(code(robot)).isEqualTo("K7");

        robot.write("WX3P");
        assertThat(text(robot, "#code-problem")).as("a good sign clears the sentence").isEmpty();
        robot.clickOn("#key-Z");
        assertThat(text(robot, "#code-problem")).isEqualTo("Un code a 6 signes, pas plus.");
        assertThat(code(robot)).isEqualTo("K7WX3P");

        robot.clickOn("#key-clear");
        robot.clickOn("#cancel-next");
        assertThat(robot.lookup("#cancel-workshop").tryQuery()).as("still asking for the code").isEmpty();
        assertThat(kiosk.agent.posted()).isEmpty();
    }

    @Test
    void theInactivityWipeAndLeavingTheScreenForgetTheCode(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        robot.clickOn("#cancel-code").write("K7WX3P");

        robot.clickOn("#home-button");
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        assertThat(code(robot)).as("forgotten on leaving the screen").isEmpty();

        robot.clickOn("#cancel-code").write("K7WX3P");
        robot.clickOn("#cancel-next");
        clock.advance(TestKiosks.IDLE_TIMEOUT);
        robot.interact(kiosk.ui::checkIdle);

        assertThat(kiosk.ui.currentScreen()).isEqualTo(ScreenId.HOME);
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        assertThat(code(robot)).isEmpty();
        assertThat(robot.lookup("#code-keyboard").tryQuery()).isPresent();
    }

    @Test
    void theReadAloudSaysWhatToDoButNeitherTheTypedCodeNorEveryKey(FxRobot robot) {
        robot.interact(() -> kiosk.ui.show(ScreenId.CANCEL));
        robot.clickOn("#cancel-code").write("K7WX3P");

        String read = TestKiosks.plain(ReadAloud.text(robot.lookup("#" + ScreenId.CANCEL.nodeId()).query()));

        assertThat(read).contains("Tapez le code reçu à l'inscription").contains("Continuer").doesNotContain("K7WX3P");
        assertThat(read.lines()).doesNotContain("K", "7", "W");

        robot.clickOn("#cancel-next").clickOn("#cancel-workshop");
        read = TestKiosks.plain(ReadAloud.text(robot.lookup("#" + ScreenId.CANCEL.nodeId()).query()));
        assertThat(read).contains("Annuler votre inscription à l'atelier ?").doesNotContain("K7WX3P");
    }

    private static String code(FxRobot robot) {
        return robot.lookup("#cancel-code").queryAs(TextField.class).getText();
    }

    /**
     * Touches a home tile until its screen shows: the home is rebuilt when the agent's content or
     * its freshness line changes, and a touch landing during that rebuild is lost (a clean-clone run
     * under load met it once).
     */
    private void open(FxRobot robot, String tile, ScreenId screen) {
        await().atMost(WAIT).pollInSameThread().until(() -> {
            if (kiosk.ui.currentScreen() != screen) {
                robot.clickOn(tile);
            }
            return kiosk.ui.currentScreen() == screen;
        });
    }
}
