package fr.relais.agent.device.kiosk;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code settings:} block of a {@code kiosk-watch} device, refusing what it does not know. */
final class SettingsReader {
    /** A unit name becomes a word of a command line: no option-like or odd names. */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._:\\\\-]{0,255}");
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final String DEFAULT_TIMEZONE = "Europe/Paris";

    private SettingsReader() {
    }

    static KioskWatchSettings read(StrictObject device) throws FieldException {
        Optional<StrictObject> block = device.optionalObject("settings");
        if (block.isEmpty()) {
            return defaults();
        }
        StrictObject settings = block.get();
        String unit = settings.optionalText("unit").orElse(KioskWatchSettings.DEFAULT_UNIT);
        if (!UNIT.matcher(unit).matches()) {
            throw new FieldException(settings.field("unit"), "'" + unit + "' is not a systemd unit name");
        }
        Optional<Path> heartbeatFile = settings.optionalText("heartbeatFile").map(Path::of);
        if (heartbeatFile.isPresent() && !heartbeatFile.get().isAbsolute()) {
            throw new FieldException(settings.field("heartbeatFile"), "must be an absolute path, got '"
                    + heartbeatFile.get() + "'");
        }
        Duration period = Duration.ofSeconds(settings.longIn("heartbeatSeconds", 1, 3_600,
                KioskWatchSettings.DEFAULT_HEARTBEAT_PERIOD.toSeconds()));
        int missed = (int) settings.longIn("missedBeforeRestart", 1, 100, KioskWatchSettings.DEFAULT_MISSED_BEFORE_RESTART);
        int perHour = (int) settings.longIn("maxRestartsPerHour", 1, 60, KioskWatchSettings.DEFAULT_MAX_RESTARTS_PER_HOUR);
        List<String> restart = commandLine(settings, "restart").orElse(KioskWatchSettings.defaultRestart(unit));
        Duration restartTimeout = Duration.ofSeconds(settings.longIn("restartTimeoutSeconds", 1, 600,
                KioskWatchSettings.DEFAULT_RESTART_TIMEOUT.toSeconds()));
        List<String> status = commandLine(settings, "statusCommand")
                .orElse(KioskWatchSettings.defaultStatusCommand(unit));
        Duration commandTimeout = Duration.ofSeconds(settings.longIn("commandTimeoutSeconds", 1, 60,
                KioskWatchSettings.DEFAULT_COMMAND_TIMEOUT.toSeconds()));
        Optional<ScreenSettings> screen = settings.has("screen")
                ? Optional.of(screen(settings.object("screen"))) : Optional.empty();
        settings.finish();
        return new KioskWatchSettings(unit, heartbeatFile, period, missed, perHour, restart, restartTimeout, status,
                commandTimeout, screen);
    }

    private static KioskWatchSettings defaults() {
        String unit = KioskWatchSettings.DEFAULT_UNIT;
        return new KioskWatchSettings(unit, Optional.empty(), KioskWatchSettings.DEFAULT_HEARTBEAT_PERIOD,
                KioskWatchSettings.DEFAULT_MISSED_BEFORE_RESTART, KioskWatchSettings.DEFAULT_MAX_RESTARTS_PER_HOUR,
                KioskWatchSettings.defaultRestart(unit), KioskWatchSettings.DEFAULT_RESTART_TIMEOUT,
                KioskWatchSettings.defaultStatusCommand(unit), KioskWatchSettings.DEFAULT_COMMAND_TIMEOUT,
                Optional.empty());
    }

    private static ScreenSettings screen(StrictObject screen) throws FieldException {
        Optional<List<String>> on = commandLine(screen, "on");
        Optional<List<String>> off = commandLine(screen, "off");
        if (on.isPresent() != off.isPresent()) {
            throw new FieldException(screen.field(on.isPresent() ? "off" : "on"), "is required with "
                    + (on.isPresent() ? "on" : "off") + ": give both command lines, or neither for the packaged"
                    + " relais-screen@on.service and relais-screen@off.service");
        }
        String timezone = screen.optionalText("timezone").orElse(DEFAULT_TIMEZONE);
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new FieldException(screen.field("timezone"), "'" + timezone + "' is not a time zone such as "
                    + DEFAULT_TIMEZONE);
        }
        Duration margin = Duration.ofMinutes(screen.longIn("marginMinutes", 0, 240,
                ScreenSettings.DEFAULT_MARGIN.toMinutes()));
        Optional<OpeningHours> hours = screen.has("hours")
                ? Optional.of(hours(screen.object("hours"), zone)) : Optional.empty();
        screen.finish();
        return new ScreenSettings(on.orElse(ScreenSettings.DEFAULT_ON), off.orElse(ScreenSettings.DEFAULT_OFF), hours,
                margin);
    }

    private static OpeningHours hours(StrictObject hours, ZoneId zone) throws FieldException {
        Map<DayOfWeek, List<OpeningHours.Range>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, DayOfWeek> weekday : WEEKDAYS.entrySet()) {
            Optional<String> text = hours.optionalText(weekday.getKey());
            if (text.isPresent()) {
                try {
                    days.put(weekday.getValue(), OpeningHours.parseDay(text.get()));
                } catch (IllegalArgumentException e) {
                    throw new FieldException(hours.field(weekday.getKey()), e.getMessage());
                }
            }
        }
        try {
            hours.finish();
        } catch (FieldException e) {
            throw new FieldException(e.field(), e.reason() + " (days are mon, tue, wed, thu, fri, sat, sun)");
        }
        return new OpeningHours(days, zone);
    }

    /** A list of words whose first names a program: passed to the program as they are, never to a shell. */
    private static Optional<List<String>> commandLine(StrictObject object, String name) throws FieldException {
        if (!object.has(name)) {
            return Optional.empty();
        }
        List<String> words = object.texts(name);
        if (words.isEmpty() || words.get(0).isBlank()) {
            throw new FieldException(object.field(name), "must be a non-empty list of words, the first naming a"
                    + " program, such as [systemctl, restart, relais-kiosk.service]");
        }
        return Optional.of(words);
    }
}
