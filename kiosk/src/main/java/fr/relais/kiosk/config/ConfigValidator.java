package fr.relais.kiosk.config;

import fr.relais.protocol.SiteKind;
import fr.relais.protocol.WireValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Checks what Jackson cannot: presence, ranges and allowed words. Reports every problem at once. */
final class ConfigValidator {

    private ConfigValidator() {
    }

    /** The validated configuration, or all the problems found, joined in one message. */
    static Result validate(RawKioskConfig raw) {
        List<String> problems = new ArrayList<>();
        String name = null;
        SiteKind kind = null;
        RawKioskConfig.RawSite site = raw.site();
        if (site == null) {
            problems.add("site is missing (it needs a name and a kind)");
        } else {
            name = site.name();
            if (name == null) {
                problems.add("site.name is missing");
            } else if (name.isBlank()) {
                problems.add("site.name must not be blank");
            }
            kind = kind(site.kind(), problems);
        }
        Duration timeout = timeout(raw.idleTimeoutSeconds(), problems);
        boolean fullScreen = raw.fullScreen() == null ? KioskConfig.DEFAULT_FULL_SCREEN : raw.fullScreen();
        Path linkFile = null;
        if (raw.agent() != null) {
            String text = raw.agent().linkFile();
            if (text == null || text.isBlank()) {
                problems.add("agent.linkFile is missing (the file the agent writes at start, e.g. /run/relais-agent/kiosk-link.json)");
            } else {
                try {
                    linkFile = Path.of(text.strip());
                } catch (InvalidPathException e) {
                    problems.add("agent.linkFile '" + text + "' is not a file path");
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, String.join("; ", problems));
        }
        return new Result(new KioskConfig(new Site(name.strip(), kind), timeout, fullScreen, linkFile), null);
    }

    private static SiteKind kind(String text, List<String> problems) {
        if (text == null) {
            problems.add("site.kind is missing (one of " + WireValue.choices(SiteKind.class) + ")");
            return null;
        }
        Optional<SiteKind> kind = Optional.ofNullable(WireValue.fromWire(SiteKind.class, text));
        if (kind.isEmpty()) {
            problems.add("site.kind '" + text + "' is not one of " + WireValue.choices(SiteKind.class));
        }
        return kind.orElse(null);
    }

    private static Duration timeout(Long seconds, List<String> problems) {
        if (seconds == null) {
            return KioskConfig.DEFAULT_IDLE_TIMEOUT;
        }
        long min = KioskConfig.MIN_IDLE_TIMEOUT.toSeconds();
        long max = KioskConfig.MAX_IDLE_TIMEOUT.toSeconds();
        if (seconds < min || seconds > max) {
            problems.add("idleTimeoutSeconds must be between " + min + " and " + max + ", got " + seconds
                    + (seconds > 0 && seconds < min ? " (the \"Êtes-vous toujours là ?\" prompt needs 20 s before the"
                    + " wipe)" : ""));
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    /** Either a configuration or the problems; never both. */
    record Result(KioskConfig config, String problems) {
        KioskConfig orElseThrow(Function<String, KioskConfigException> failure) {
            if (config == null) {
                throw failure.apply(problems);
            }
            return config;
        }
    }
}
