package fr.relais.system;

import static org.awaitility.Awaitility.await;

import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.Site;
import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.KioskWindow;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real kiosk UI on Monocle's headless screen, built as the launcher builds it from a config
 * naming the agent's link file, shown once the agent serves the hub's content with the link up.
 * Call {@code FxToolkit.registerPrimaryStage()} once per class before the first one.
 */
final class HeadlessKiosk implements AutoCloseable {
    private final KioskUi ui;
    private final KioskAgent agent;
    private final SkippingClock clock;

    private HeadlessKiosk(KioskUi ui, KioskAgent agent, SkippingClock clock) {
        this.ui = ui;
        this.agent = agent;
        this.clock = clock;
    }

    /**
     * The real time, moved forward by what a test skipped: a press held for seconds is then held
     * on the kiosk's clock, whatever the machine's load does to when its events are handled.
     */
    private static final class SkippingClock extends Clock {
        private volatile Duration skipped = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the kiosk reads UTC instants");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skipped);
        }
    }

    static HeadlessKiosk show(String placeName, SiteKind kind, Duration idleTimeout, Path linkFile, Duration patience)
            throws Exception {
        KioskConfig config = new KioskConfig(new Site(placeName, kind), idleTimeout, false, linkFile);
        KioskAgent[] agent = new KioskAgent[1];
        KioskUi[] ui = new KioskUi[1];
        SkippingClock clock = new SkippingClock();
        FxToolkit.setupStage(stage -> {
            agent[0] = KioskAgent.connect(config.agentLinkFile(), Platform::runLater, Clock.systemUTC());
            ui[0] = new KioskUi(config, clock, agent[0]);
            ui[0].setExit(code -> { });
            stage.setScene(ui[0].createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
            stage.show();
        });
        HeadlessKiosk kiosk = new HeadlessKiosk(ui[0], agent[0], clock);
        // The agent writes its link file once connected; the kiosk reads it again until it answers.
        await("the hub's content and an up link on the kiosk").atMost(patience).until(() -> onFx(() ->
                kiosk.agent.state().content() != null && kiosk.agent.state().linkUp()));
        return kiosk;
    }

    /** Moves the kiosk's clock forward by {@code time}, as if it had passed (its agent keeps the real time). */
    void skip(Duration time) {
        clock.skipped = clock.skipped.plus(time);
    }

    KioskAgent agent() {
        return agent;
    }

    /** Stops the idle ticker and the agent's poller. */
    @Override
    public void close() throws Exception {
        FxToolkit.setupFixture(ui::stop);
    }

    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
