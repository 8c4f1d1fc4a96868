package fr.relais.agent.device.kiosk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Switching the kiosk's screen: the command lines that do it, and when.
 *
 * @param on     the command line that switches it on; by default the packaged unit
 *               {@code relais-screen@on.service}, which switches it as the kiosk's user
 * @param off    the command line that switches it off
 * @param hours  the place's opening hours; without them the screen is only switched by the
 *               {@code screen} command
 * @param margin how long before opening and after closing the screen is on
 */
public record ScreenSettings(List<String> on, List<String> off, Optional<OpeningHours> hours, Duration margin) {
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(15);
    /**
     * The agent's sandbox hides cage's Wayland socket and the agent's user may not touch the
     * screen: it asks systemd to run edge-agent/packaging's relais-screen@.service, which its
     * polkit rule allows for these two instances only.
     */
    public static final List<String> DEFAULT_ON = List.of("systemctl", "start", "relais-screen@on.service");
    public static final List<String> DEFAULT_OFF = List.of("systemctl", "start", "relais-screen@off.service");

    public ScreenSettings {
        on = List.copyOf(on);
        off = List.copyOf(off);
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(margin, "margin");
    }

    public List<String> command(boolean switchOn) {
        return switchOn ? on : off;
    }
}
