package fr.relais.kiosk.shots;

import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.ScreenId;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * {@code ./relais bench kiosk}: one line of figures, measured headless (Monocle, software
 * rendering) with the van's sample content. cold_start_ms: from the JVM's start to the first frame
 * of the home screen; heap_after_start_mb: heap used after a GC once started; van_touch_ms: a touch
 * on a commune of the van screen, handled, laid out and drawn (a snapshot of the scene). Then an
 * hour of visitors on the mediation place's kiosk ({@link KioskHourBench}): heap after a GC and RSS
 * at the end, and the heap's growth per visitor session.
 */
public final class KioskBench {

    static final int TOUCHES = 200;
    static final int WARM_UP = 20;

    private KioskBench() {
    }

    public static void main(String[] args) throws Exception {
        Headless.select();
        int code = 0;
        try {
            System.out.println(run());
        } catch (Exception | Error e) {
            System.err.println("Bench failed: " + e);
            code = 4;
        }
        // The JavaFX thread would keep the process alive.
        System.exit(code);
    }

    /** The line; starts the JavaFX toolkit if needed. */
    public static String run() throws Exception {
        CompletableFuture<Long> firstFrame = new CompletableFuture<>();
        CompletableFuture<KioskUi> started = new CompletableFuture<>();
        Runnable open = () -> {
            try {
                KioskUi ui = Screenshots.sampleKiosk(2, Instant.now());
                Stage stage = new Stage();
                stage.setScene(ui.createScene(1280, 800));
                stage.show();
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        stop();
                        firstFrame.complete(System.currentTimeMillis());
                    }
                }.start();
                started.complete(ui);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        };
        try {
            Platform.startup(open);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(open);
        }
        KioskUi ui = started.get(60, TimeUnit.SECONDS);
        long coldStart = firstFrame.get(60, TimeUnit.SECONDS) - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        double[] touches = onFx(() -> touchVan(ui));
        onFx(() -> {
            ui.stop();
            return null;
        });
        Arrays.sort(touches);
        KioskHourBench.Result hour = new KioskHourBench().run(KioskBench::onFx);
        return String.format(Locale.ROOT, "kiosk: cold_start_ms=%d heap_after_start_mb=%d van_touch_ms_p50=%.1f"
                + " van_touch_ms_p99=%.1f %s", coldStart, heapMb, percentile(touches, 50), percentile(touches, 99),
                hour.fields());
    }

    private static double[] touchVan(KioskUi ui) {
        ui.show(ScreenId.VAN);
        Scene scene = ui.currentScene();
        // A scroll pane shows its content to lookups once its skin exists: after a CSS pass.
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<Button> communes = new ArrayList<>();
        for (Node node : scene.getRoot().lookupAll(".choice-button")) {
            if (node.getId() != null && node.getId().startsWith("commune-")) {
                communes.add((Button) node);
            }
        }
        if (communes.isEmpty()) {
            throw new IllegalStateException("no commune on the van screen");
        }
        double[] times = new double[TOUCHES];
        for (int i = -WARM_UP; i < TOUCHES; i++) {
            Button commune = communes.get(Math.floorMod(i, communes.size()));
            long start = System.nanoTime();
            commune.fire();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            scene.snapshot(null);
            if (i >= 0) {
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            // The buttons are rebuilt after each choice.
            communes.clear();
            for (Node node : scene.getRoot().lookupAll(".choice-button")) {
                if (node.getId() != null && node.getId().startsWith("commune-")) {
                    communes.add((Button) node);
                }
            }
        }
        return times;
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }
}
