package fr.relais.agent.device.kiosk;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The kiosk unit as {@code systemctl show} prints it: one {@code Property=value} per line.
 * Properties the watch does not use are ignored, so a custom status command may print more.
 *
 * @param activeState    active, activating, deactivating, reloading, inactive, failed…
 * @param loadState      loaded, not-found, masked… (empty if not printed)
 * @param restarts       systemd's own restarts of the unit ({@code NRestarts}), if printed
 * @param exitCode       how the main process last ended: exited, killed or dumped (empty if not printed or none)
 * @param exitStatus     its exit status, or the signal that ended it ({@code ExecMainStatus})
 * @param mainPid        the main process, 0 when none ({@code ExecMainPID})
 */
record UnitStatus(String activeState, String subState, String loadState, OptionalLong restarts, String exitCode,
                  OptionalLong exitStatus, OptionalLong mainPid) {
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,31}");
    private static final int MAX_LINES = 1_000;

    boolean active() {
        return activeState.equals("active");
    }

    boolean failed() {
        return activeState.equals("failed");
    }

    /**
     * Reads the output of the status command.
     *
     * @throws IllegalArgumentException when it is not what {@code systemctl show} prints, saying what is wrong
     */
    static UnitStatus parse(String output) {
        Map<String, String> properties = new HashMap<>();
        String[] lines = output.split("\\R");
        if (lines.length > MAX_LINES) {
            throw new IllegalArgumentException("more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not Property=value: '" + excerpt(line) + "'");
            }
            properties.put(line.substring(0, equals), line.substring(equals + 1));
        }
        String active = properties.get("ActiveState");
        if (active == null) {
            throw new IllegalArgumentException("no ActiveState in it");
        }
        return new UnitStatus(word("ActiveState", active), optionalWord(properties, "SubState"),
                optionalWord(properties, "LoadState"), number(properties, "NRestarts"),
                exitCode(number(properties, "ExecMainCode")), number(properties, "ExecMainStatus"),
                number(properties, "ExecMainPID"));
    }

    private static String word(String property, String value) {
        if (!WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " is '" + excerpt(value) + "', not a state such as active");
        }
        return value;
    }

    private static String optionalWord(Map<String, String> properties, String property) {
        String value = properties.getOrDefault(property, "");
        return value.isEmpty() ? "" : word(property, value);
    }

    private static OptionalLong number(Map<String, String> properties, String property) {
        String value = properties.getOrDefault(property, "");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " is '" + excerpt(value) + "', not a whole number");
        }
    }

    /** systemd prints the kernel's code for how a child ended (siginfo's si_code). */
    private static String exitCode(OptionalLong code) {
        if (code.isEmpty()) {
            return "";
        }
        return switch ((int) code.getAsLong()) {
            case 1 -> "exited";
            case 2 -> "killed";
            case 3 -> "dumped";
            default -> "";
        };
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 60 ? line : line.substring(0, 60) + "…";
    }
}
