package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The van's next visit to Parfondeval, found as visitors type it, and its calendar's QR code read back. */
@ExtendWith(ApplicationExtension.class)
class VanScreenTest {
    @TempDir
    static Path dir;
    private LiveKiosk kiosk;

    @Start
    void start(Stage stage) throws Exception {
        kiosk = LiveKiosk.start(stage, dir, SiteKind.MEDIATION, Clock.systemUTC());
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
    void typingParfondevalWithoutAccentOrCapitalShowsItsNextVisitAndTheQrCodeOfItsCalendar(FxRobot robot)
            throws Exception {
        robot.clickOn("#tile-van").clickOn("#van-search").write("parfondeval");

        assertNextVisitAndQrCode(robot);
    }

    @Test
    void capitalsAndAnAccentFindItToo(FxRobot robot) throws Exception {
        robot.clickOn("#tile-van");
        robot.interact(() -> robot.lookup("#van-search").queryAs(TextField.class).setText("PARFONDÉVAL"));

        assertNextVisitAndQrCode(robot);
    }

    @Test
    void theMonthsTourListsEveryVisitOfTheMonth(FxRobot robot) {
        robot.clickOn("#tile-van").clickOn("#van-month");

        VBox list = robot.lookup("#van-month-list").queryAs(VBox.class);
        assertThat(list.getChildren()).hasSizeGreaterThan(10);
        assertThat(robot.lookup("#freshness").queryAs(Label.class).getText()).startsWith("Mis à jour à ");
    }

    @Test
    void aWordMatchingNoCommuneSaysSo(FxRobot robot) {
        robot.clickOn("#tile-van").clickOn("#van-search").write("xyz");

        assertThat(robot.lookup("#van-communes").queryAs(VBox.class).getChildren())
                .singleElement().extracting(n -> plain(((Label) n).getText()))
                .isEqualTo("Aucune commune ne correspond. Vérifiez l'orthographe.");
    }

    private void assertNextVisitAndQrCode(FxRobot robot) throws Exception {
        VBox visits = robot.lookup("#van-visits").queryAs(VBox.class);
        String next = plain(((Label) visits.getChildren().get(0)).getText());
        assertThat(next).startsWith("Mardi ").endsWith(", de 9 h à 12 h : place de la mairie");

        ImageView qr = robot.lookup("#van-qr").queryAs(ImageView.class);
        assertThat(decode(qr.getImage())).isEqualTo(SampleContent.CALENDAR_BASE + "parfondeval/tour.ics");
    }

    static String decode(Image image) throws Exception {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = image.getPixelReader().getArgb(x, y);
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, pixels)))).getText();
    }
}
