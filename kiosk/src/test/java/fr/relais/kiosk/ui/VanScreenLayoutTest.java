package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.Screenshots;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The van screen where the text size leaves little height (very large text, large text on the Pi's
 * 7-inch display): one scrolling list in which each commune says its next visit, instead of two
 * columns with room for one commune.
 */
@ExtendWith(ApplicationExtension.class)
class VanScreenLayoutTest {

    private static final int VAN = 2;
    /** A next visit as the list says it: "Mardi 8 décembre, de 9 h à 12 h", "Demain, de …". */
    private static final String NEXT_VISIT = "[A-Z][^,]+, de \\d+ h( \\d\\d)? à \\d+ h( \\d\\d)?|Pas de passage prévu";

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    @Test
    void veryLargeTextOnTheSevenInchDisplayShowsSeveralCommunesWithTheirNextVisit() throws Exception {
        List<String> seen = onFx(() -> {
            Scene scene = vanScene(TextSize.VERY_LARGE, 800, 480);
            assertThat(scene.lookup("#van-one-list")).as("the single list").isNotNull();
            Node viewport = scene.lookup("#van-one-list");
            return communes(scene).stream().filter(b -> within(b, viewport)).map(b -> plain(b.getText())).toList();
        });

        assertThat(seen).as("communes wholly on screen before any scrolling").hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen).allSatisfy(text -> assertThat(text.split("\n")).hasSize(2)
                .satisfies(lines -> assertThat(lines[1]).matches(NEXT_VISIT)));
    }

    @Test
    void theListScrollsAndItsScrollBarShows() throws Exception {
        boolean barShown = onFx(() -> {
            Scene scene = vanScene(TextSize.VERY_LARGE, 800, 480);
            Node list = scene.lookup("#van-one-list");
            return list.lookupAll(".scroll-bar").stream()
                    .anyMatch(n -> n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL
                            && bar.isVisible() && bar.getVisibleAmount() < bar.getMax() - bar.getMin());
        });

        assertThat(barShown).as("a visible vertical scroll bar, shorter than its track: there is more below").isTrue();
    }

    @Test
    void aChosenCommunesVisitsAndQrCodeOpenJustUnderIt() throws Exception {
        List<String> after = onFx(() -> {
            Scene scene = vanScene(TextSize.VERY_LARGE, 800, 480);
            ((Button) scene.lookup("#commune-parfondeval")).fire();
            settle(scene);
            VBox list = (VBox) scene.lookup("#van-communes");
            int at = list.getChildren().indexOf(scene.lookup("#commune-parfondeval"));
            Node next = list.getChildren().get(at + 1);
            assertThat(next.getId()).isEqualTo("van-details");
            assertThat(next.lookup("#van-qr")).isNotNull();
            VBox visits = (VBox) next.lookup("#van-visits");
            return List.of(plain(((Button) list.getChildren().get(at)).getText()),
                    plain(((Label) visits.getChildren().get(0)).getText()));
        });

        assertThat(after.get(0)).as("the chosen commune's button, its visits under it").isEqualTo("Parfondeval");
        assertThat(after.get(1)).startsWith("Mardi ").endsWith(", de 9 h à 12 h : place de la mairie");
    }

    @Test
    void whereThereIsRoomTheTwoColumnsStay() throws Exception {
        boolean[] single = onFx(() -> new boolean[] {
            vanScene(TextSize.NORMAL, 800, 480).lookup("#van-one-list") != null,
            vanScene(TextSize.NORMAL, 1280, 800).lookup("#van-one-list") != null,
            vanScene(TextSize.LARGE, 1280, 800).lookup("#van-one-list") != null});

        assertThat(single).containsOnly(false);
    }

    @Test
    void veryLargeTextOnTheWallScreenLeavesAsLittleRoomAndGetsTheSingleListToo() throws Exception {
        // 800 px of height at 30 px a line is the 7-inch display's 480 px at 18 px a line.
        boolean single = onFx(() -> vanScene(TextSize.VERY_LARGE, 1280, 800).lookup("#van-one-list") != null);

        assertThat(single).isTrue();
    }

    @Test
    void changingTheTextSizeSwitchesTheLayoutAndKeepsWhatWasTyped() throws Exception {
        List<Object> states = onFx(() -> {
            KioskUi ui = Screenshots.sampleKiosk(VAN, Instant.now());
            ui.show(ScreenId.VAN);
            Scene scene = ui.createScene(800, 480);
            ui.stop();
            settle(scene);
            ((TextField) scene.lookup("#van-search")).setText("parf");
            boolean before = scene.lookup("#van-one-list") != null;
            ui.setTextSize(TextSize.VERY_LARGE);
            settle(scene);
            boolean during = scene.lookup("#van-one-list") != null;
            String typed = ((TextField) scene.lookup("#van-search")).getText();
            ui.setTextSize(TextSize.NORMAL);
            settle(scene);
            return List.of(before, during, typed, scene.lookup("#van-one-list") != null,
                    scene.lookup("#van-details").isVisible());
        });

        assertThat(states).containsExactly(false, true, "parf", false, true);
    }

    @Test
    void theMonthsTourOpensAtTheTopOfTheList() throws Exception {
        int index = onFx(() -> {
            Scene scene = vanScene(TextSize.VERY_LARGE, 800, 480);
            ((Button) scene.lookup("#van-month")).fire();
            settle(scene);
            VBox list = (VBox) scene.lookup("#van-communes");
            assertThat(scene.lookup("#van-month-list")).isNotNull();
            return list.getChildren().indexOf(scene.lookup("#van-details"));
        });

        assertThat(index).isZero();
    }

    private static Scene vanScene(TextSize size, double width, double height) {
        KioskUi ui = Screenshots.sampleKiosk(VAN, Instant.now());
        ui.setTextSize(size);
        ui.show(ScreenId.VAN);
        Scene scene = ui.createScene(width, height);
        ui.stop();
        settle(scene);
        return scene;
    }

    /** Wrapped text and the layout switch settle over a few passes, as over a few frames on screen. */
    private static void settle(Scene scene) {
        for (int pass = 0; pass < 4; pass++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }

    private static List<Button> communes(Scene scene) {
        return scene.getRoot().lookupAll(".choice-button").stream()
                .filter(n -> n.getId() != null && n.getId().startsWith("commune-")).map(Button.class::cast).toList();
    }

    private static boolean within(Node node, Node viewport) {
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        Bounds shown = viewport.localToScene(viewport.getLayoutBounds());
        return bounds.getMinY() >= shown.getMinY() && bounds.getMaxY() <= shown.getMaxY();
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(60, TimeUnit.SECONDS);
    }
}
