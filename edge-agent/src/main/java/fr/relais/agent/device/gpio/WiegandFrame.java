package fr.relais.agent.device.gpio;

/** What one Wiegand frame was: a card, or a frame refused (why, never its bits). */
sealed interface WiegandFrame permits WiegandFrame.Card, WiegandFrame.Rejected {
    String format();

    /**
     * A card's facility code and number. {@link #number()} is the text that is hashed: the data
     * bits as one decimal number in 10 digits, the way 125 kHz cards print their number and USB or
     * serial readers give it ({@code 0004213370}), so a card has the same hash on every kind of
     * reader of the site (for a 26-bit frame, as long as the card's number fits in its 24 bits).
     * It is never logged, and {@link #toString()} does not show it.
     */
    record Card(String format, long facility, long card) implements WiegandFrame {
        String number() {
            return String.format("%010d", (facility << 16) | card);
        }

        @Override
        public String toString() {
            return "Card[" + format + "]";
        }
    }

    /**
     * A refused frame.
     *
     * @param code   why, for logs and counts ({@code parity}, {@code length}, {@code noise})
     * @param reason why, in French, for the dashboard
     */
    record Rejected(String format, String code, String reason) implements WiegandFrame {
    }
}
