package fr.relais.agent.device.http;

/** A device could not be reached over HTTP or answered something unusable; the message says which. */
public class DeviceHttpException extends Exception {
    /** A device's own words are quoted this long at most. */
    static final int MAX_QUOTE = 160;

    public DeviceHttpException(String message) {
        super(message);
    }

    public DeviceHttpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code text} on one line, cut at {@link #MAX_QUOTE} characters. */
    public static String shorten(String text) {
        // A device's garbage may hold control characters: they never reach a log line or the dashboard.
        String line = text.replaceAll("\\s+", " ").replaceAll("[\\p{Cntrl}\\x{FFFD}]", "?").strip();
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "…";
    }
}
