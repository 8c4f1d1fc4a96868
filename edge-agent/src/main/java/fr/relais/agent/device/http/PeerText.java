package fr.relais.agent.device.http;

/**
 * A device's own words (an error text, a content type, a version) made fit for a log line and
 * the dashboard: one line, no control characters, at most {@link #MAX} characters.
 */
public final class PeerText {
    public static final int MAX = 160;

    private PeerText() {
    }

    public static String quote(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").replaceAll("[\\p{Cntrl}\\x{FFFD}]", "?").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
    }

    /** The same, with anything outside printable ASCII shown as '?': for texts that quote raw bytes. */
    public static String quoteAscii(String text) {
        return quote(String.valueOf(text).replaceAll("[^\\x20-\\x7E]", "?"));
    }
}
