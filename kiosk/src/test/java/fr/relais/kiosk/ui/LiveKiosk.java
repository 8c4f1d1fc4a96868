package fr.relais.kiosk.ui;

import static org.awaitility.Awaitility.await;

import fr.relais.kiosk.agent.FakeAgent;
import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.Site;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** A kiosk on TestFX's stage talking over HTTP to a {@link FakeAgent} serving the sample content. */
final class LiveKiosk implements AutoCloseable {

    final FakeAgent agent;
    final KioskUi ui;

    private LiveKiosk(FakeAgent agent, KioskUi ui) {
        this.agent = agent;
        this.ui = ui;
    }

    static LiveKiosk start(Stage stage, Path dir, SiteKind kind, Clock clock) throws Exception {
        FakeAgent agent = new FakeAgent(dir, SampleContent.forKind(kind.wire(), Instant.now()));
        KioskConfig config = new KioskConfig(new Site(TestKiosks.SITE_NAME, kind), TestKiosks.IDLE_TIMEOUT, false,
                agent.linkFile());
        KioskUi ui = new KioskUi(config, clock, KioskAgent.connect(agent.linkFile(), Platform::runLater,
                Clock.systemUTC()), Optional.empty());
        ui.setExit(code -> { });
        stage.setScene(ui.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
        stage.show();
        return new LiveKiosk(agent, ui);
    }

    /** Call from the test's thread (a {@code @BeforeEach}), not from {@code @Start}, which runs on the FX one. */
    void awaitContent() {
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> ui.agent().state().content() != null));
    }

    <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Waits until the kiosk's poller saw the hub link as the fake agent says it is. */
    void awaitLink(boolean up) {
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> ui.agent().state().linkUp() == up));
    }

    @Override
    public void close() {
        ui.agent().stop();
        agent.close();
    }
}
