package fr.relais.agent.device.printer;

import java.util.Locale;
import java.util.Optional;

/**
 * One of the printer's {@code printer-state-reasons}, such as {@code media-empty-report}: the
 * condition ({@code media-empty}) and how urgent the printer itself says it is (the suffix RFC 8011
 * defines: {@code -report} is for information, {@code -warning} and {@code -error} are what they say).
 */
record PrinterReason(String name, Suffix suffix) {
    /** What a printer appends to a reason. */
    enum Suffix {
        NONE(""), REPORT("-report"), WARNING("-warning"), ERROR("-error");

        private final String text;

        Suffix(String text) {
            this.text = text;
        }
    }

    /** Longer than any real keyword (RFC 8011: 255 octets); a printer's garbage stops here. */
    private static final int MAX_LENGTH = 255;

    /**
     * The reason a keyword says, or nothing for {@code none}, an empty word or one that is not a
     * keyword (IPP keywords are lower-case letters, digits, '-', '_' and '.').
     */
    static Optional<PrinterReason> parse(String keyword) {
        String word = keyword == null ? "" : keyword.strip().toLowerCase(Locale.ROOT);
        if (word.isEmpty() || word.equals("none") || word.length() > MAX_LENGTH || !word.matches("[a-z0-9][a-z0-9._-]*")) {
            return Optional.empty();
        }
        for (Suffix suffix : new Suffix[] {Suffix.REPORT, Suffix.WARNING, Suffix.ERROR}) {
            if (word.endsWith(suffix.text) && word.length() > suffix.text.length()) {
                return Optional.of(new PrinterReason(word.substring(0, word.length() - suffix.text.length()), suffix));
            }
        }
        return Optional.of(new PrinterReason(word, Suffix.NONE));
    }

    /** The reason as the printer wrote it. */
    String keyword() {
        return name + suffix.text;
    }
}
