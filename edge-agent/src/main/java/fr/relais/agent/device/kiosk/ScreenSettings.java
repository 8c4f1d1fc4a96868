package fr.relais.agent.device.kiosk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Switching the kiosk's screen: the command lines that do it, and when.
 *
 * @param on     the command line that switches it on, such as {@code [wlr-randr, --output, HDMI-A-1, --on]}
 * @param off    the command line that switches it off
 * @param hours  the place's opening hours; without them the screen is only switched by the
 *               {@code screen} command
 * @param margin how long before opening and after closing the screen is on
 */
public record ScreenSettings(List<String> on, List<String> off, Optional<OpeningHours> hours, Duration margin) {
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(15);

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
