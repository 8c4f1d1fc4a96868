package fr.relais.kiosk.shots;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.Site;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.ScreenId;
import fr.relais.kiosk.ui.TextSize;
import fr.relais.protocol.SiteKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Draws every main screen of each kind of place from the built-in sample content, to PNG files:
 * how reviewers look at the kiosk without a Pi. Runs on the JavaFX thread (the caller's job).
 * Files: {@code {kind}-{screen}.png} (1280×800), {@code {kind}-{screen}-800x480.png}, the same two in
 * very large text ({@code -very-large}), and the home screen in large text and in high contrast.
 * Also the van screen before a commune is chosen, and the mediation place in trouble as the agent
 * would serve it: the agent stopped ({@code -agent-stopped}), the printer unplugged or out of paper; then
 * the {@link KioskStates} (a ticket taken, the slots, the first-name step, the PIN pad…). Only the screens
 * a kind of place shows ({@link #shows}): no coworking screen at a mediation place.
 */
public final class Screenshots {

    public static final String[] KINDS = {"mediation", "coworking", "van"};
    private static final String[] NAMES = {"Tiers-lieu numérique de Montcornet", "Coworking de la Praille",
            "Bus France Services"};

    private Screenshots() {
    }

    /** @return the files written */
    public static List<Path> render(Path dir, Instant now) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            String kind = KINDS[k];
            for (ScreenId screen : ScreenId.values()) {
                if (!shows(k, screen)) {
                    continue;
                }
                String name = kind + "-" + screen.name().toLowerCase(Locale.ROOT).replace('_', '-');
                written.add(shoot(dir, name + ".png", k, screen, 1280, 800, TextSize.NORMAL, false, now));
                written.add(shoot(dir, name + "-800x480.png", k, screen, 800, 480, TextSize.NORMAL, false, now));
                // The visitor's largest text, where screens run out of room first.
                written.add(shoot(dir, name + "-very-large.png", k, screen, 1280, 800, TextSize.VERY_LARGE, false,
                        now));
                written.add(shoot(dir, name + "-very-large-800x480.png", k, screen, 800, 480, TextSize.VERY_LARGE,
                        false, now));
            }
            written.add(shoot(dir, kind + "-home-large.png", k, ScreenId.HOME, 1280, 800, TextSize.LARGE, false, now));
            written.add(shoot(dir, kind + "-home-contrast.png", k, ScreenId.HOME, 1280, 800, TextSize.NORMAL, true,
                    now));
            written.add(shoot(dir, kind + "-van-contrast-800x480.png", k, ScreenId.VAN, 800, 480, TextSize.LARGE, true,
                    now));
            // Where very large text leaves the least room: the list of communes, each with its next visit.
            written.add(shoot(dir, kind + "-van-choice-very-large-800x480.png", sampleKiosk(k, now), ScreenId.VAN,
                    800, 480, TextSize.VERY_LARGE, null));
        }
        written.addAll(renderTroubles(dir, now));
        written.addAll(renderStates(dir, now));
        return written;
    }

    /**
     * Whether a visitor (or a technician) of the {@code k}-th kind of place can reach {@code screen}: the
     * coworking place has its Coworking tile instead of the procedures, so no mediator's help and no
     * number called; the others have no coworking.
     */
    public static boolean shows(int k, ScreenId screen) {
        boolean coworking = KINDS[k].equals("coworking");
        return switch (screen) {
            case COWORKING -> coworking;
            case PROCEDURES, HELP, CALLING -> !coworking;
            default -> true;
        };
    }

    /**
     * The {@link KioskStates} past the screens' first look, each at 1280×800, 800×480 and in very large
     * text at 800×480: {@code {kind}-{state}.png}, {@code -800x480}, {@code -very-large-800x480}.
     */
    static List<Path> renderStates(Path dir, Instant now) throws IOException {
        List<Path> written = new ArrayList<>();
        for (KioskStates.State state : KioskStates.ALL) {
            String name = KINDS[state.kind()] + "-" + state.name();
            written.add(shootState(dir, name + ".png", state, 1280, 800, TextSize.NORMAL, now));
            written.add(shootState(dir, name + "-800x480.png", state, 800, 480, TextSize.NORMAL, now));
            written.add(shootState(dir, name + "-very-large-800x480.png", state, 800, 480, TextSize.VERY_LARGE, now));
        }
        return written;
    }

    private static Path shootState(Path dir, String file, KioskStates.State state, int width, int height,
                                   TextSize size, Instant now) throws IOException {
        KioskStates.Staged staged = KioskStates.stage(state, now);
        KioskUi ui = staged.ui();
        ui.setTextSize(size);
        Scene scene = ui.createScene(width, height);
        ui.stop();
        staged.reach(scene);
        return write(dir, file, scene);
    }

    /** The files {@link #renderTroubles} writes, all of the mediation place. */
    public static final String[] TROUBLES = {"home-agent-stopped", "printing-agent-stopped",
        "printing-printer-unplugged", "printing-out-of-paper"};

    /**
     * The mediation place in trouble, each at 1280×800 and 800×480: its agent stopped (the last content
     * and device states kept, "la connexion est coupée" and when they were received), its printer
     * unplugged (the agent cannot reach it) or out of paper (what an IPP printer says).
     */
    static List<Path> renderTroubles(Path dir, Instant now) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String trouble : TROUBLES) {
            ScreenId screen = trouble.startsWith("home") ? ScreenId.HOME : ScreenId.PRINTING;
            for (int[] size : new int[][] {{1280, 800}, {800, 480}}) {
                String file = "mediation-" + trouble + (size[0] == 800 ? "-800x480" : "") + ".png";
                written.add(shoot(dir, file, troubledKiosk(trouble, now), screen, size[0], size[1], TextSize.NORMAL,
                        null));
            }
        }
        return written;
    }

    /** The mediation place's kiosk in one of the {@link #TROUBLES}, not yet on a scene. */
    public static KioskUi troubledKiosk(String trouble, Instant now) {
        List<AgentReplies.Device> devices = new ArrayList<>(SampleContent.devices());
        int printer = 0;
        if (trouble.equals("printing-printer-unplugged")) {
            // What the agent serves when the printer's IPP address does not answer.
            devices.set(printer, new AgentReplies.Device("imprimante", "printer", "Imprimante de l'accueil", "error",
                    List.of("unreachable", "unreachable: connection refused"), Map.of("state", "unreachable"), false));
        } else if (trouble.equals("printing-out-of-paper")) {
            // An IPP printer's reasons come back suffixed, as ippeveprinter and CUPS say them.
            devices.set(printer, new AgentReplies.Device("imprimante", "printer", "Imprimante de l'accueil", "error",
                    List.of("media-empty-error", "media-needed-report"), Map.of("pages", "1204"), false));
        } else {
            devices.set(printer, new AgentReplies.Device("imprimante", "printer", "Imprimante de l'accueil", "ok",
                    List.of(), Map.of("pages", "1204"), false));
        }
        Instant refreshed = now.minus(Duration.ofMinutes(trouble.endsWith("agent-stopped") ? 40 : 2));
        KioskAgent agent = KioskAgent.preloaded(SampleContent.forKind(KINDS[0], now), devices, refreshed);
        if (trouble.endsWith("agent-stopped")) {
            // What the kiosk's poller does when the agent stops answering: it keeps what it had.
            agent.state().unreachable();
        }
        return new KioskUi(config(0), Clock.fixed(now, java.time.ZoneOffset.UTC), agent);
    }

    /** A kiosk of the {@code k}-th kind showing the sample content, not yet on a scene. */
    public static KioskUi sampleKiosk(int k, Instant now) {
        return sampleKiosk(k, now, Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    /** The same on a clock that moves (the bench's hour of visitors); the content is made for {@code now}. */
    public static KioskUi sampleKiosk(int k, Instant now, Clock clock) {
        KioskAgent agent = KioskAgent.preloaded(SampleContent.forKind(KINDS[k], now), SampleContent.devices(),
                now.minusSeconds(125));
        return new KioskUi(config(k), clock, agent);
    }

    /** The idle timeout of the sample kiosks. */
    public static Duration idleTimeout(int k) {
        return config(k).idleTimeout();
    }

    static KioskConfig config(int k) {
        SiteKind kind = SiteKind.values()[0];
        for (SiteKind candidate : SiteKind.values()) {
            if (candidate.wire().equals(KINDS[k])) {
                kind = candidate;
            }
        }
        return new KioskConfig(new Site(NAMES[k], kind), Duration.ofSeconds(120), false);
    }

    private static Path shoot(Path dir, String file, int k, ScreenId screen, int width, int height, TextSize size,
                              boolean contrast, Instant now) throws IOException {
        KioskUi ui = sampleKiosk(k, now);
        ui.setHighContrast(contrast);
        // Show a commune's visits and its QR code rather than an empty choice.
        return shoot(dir, file, ui, screen, width, height, size, screen == ScreenId.VAN ? "parfondeval" : null);
    }

    private static Path shoot(Path dir, String file, KioskUi ui, ScreenId screen, int width, int height,
                              TextSize size, String typedCommune) throws IOException {
        ui.setTextSize(size);
        ui.show(screen);
        Scene scene = ui.createScene(width, height);
        if (typedCommune != null) {
            ((TextField) scene.lookup("#van-search")).setText(typedCommune);
        }
        ui.stop();
        settle(scene);
        return write(dir, file, scene);
    }

    private static Path write(Path dir, String file, Scene scene) throws IOException {
        WritableImage image = scene.snapshot(null);
        Path target = dir.resolve(file);
        ImageIO.write(toBuffered(image), "png", target.toFile());
        return target;
    }

    /**
     * Lays the scene out as a few frames on screen would. A snapshot lays it out once, and in that first
     * pass the top bar's wrapping row is measured before it has its width: the bar came out most of the
     * picture's height, the screen below it cut off.
     */
    public static void settle(Scene scene) {
        for (int pass = 0; pass < 3; pass++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }

    /** Without javafx-swing: a pixel copy is all SwingFXUtils would do here. */
    static BufferedImage toBuffered(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return buffered;
    }
}
