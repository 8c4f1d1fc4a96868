package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The {@code gpio-people-counter} driver: two beams across an entrance count who comes in and out. */
public final class PeopleCounterDriver implements DriverFactory {
    public static final String NAME = "gpio-people-counter";
    /** The reset time and zone when the settings give none (the demo's simulated counter uses them too). */
    public static final String DEFAULT_RESET_AT = CounterSettings.DEFAULT_RESET_AT;
    public static final String DEFAULT_TIMEZONE = CounterSettings.DEFAULT_TIMEZONE;
    /** The reading's own metric besides the day's counts: a beam cut for longer than a crossing. */
    public static final String BEAM_BLOCKED_METRIC = "beamBlocked";
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    @Override
    public String driver() {
        return NAME;
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.PRESENCE_SENSOR);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        GpioSettings settings = GpioSettings.of(device);
        CounterSettings counter = new CounterSettings(
                settings.pin("outerBeam", PinKind.BEAM),
                settings.pin("innerBeam", PinKind.BEAM),
                resetAt(settings),
                timezone(settings),
                settings.millis("debounceMillis", 0, 2_000, CounterSettings.DEFAULT_DEBOUNCE_MILLIS),
                settings.seconds("crossingTimeoutSeconds", 2, 600, CounterSettings.DEFAULT_CROSSING_TIMEOUT_SECONDS));
        settings.finish();
        return counter;
    }

    private static LocalTime resetAt(GpioSettings settings) throws FieldException {
        String text = settings.optionalText("resetAt").orElse(CounterSettings.DEFAULT_RESET_AT);
        try {
            return LocalTime.parse(text, HOURS_MINUTES);
        } catch (DateTimeParseException e) {
            throw new FieldException(settings.field("resetAt"), "'" + text + "' is not a time of day such as 04:00");
        }
    }

    private static ZoneId timezone(GpioSettings settings) throws FieldException {
        String text = settings.optionalText("timezone").orElse(CounterSettings.DEFAULT_TIMEZONE);
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new FieldException(settings.field("timezone"), "'" + text + "' is not a time zone such as Europe/Paris");
        }
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return new GpioPeopleCounter(config, config.settings(CounterSettings.class), context);
    }
}
