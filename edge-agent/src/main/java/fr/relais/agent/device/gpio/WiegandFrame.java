package fr.relais.agent.device.gpio;

/** What one Wiegand frame was: a card, or a frame refused (why, never its bits). */
sealed interface WiegandFrame permits WiegandFrame.Card, WiegandFrame.Rejected {
    String format();

    /**
     * A card's facility code and number. {@link #number()} is the text that is hashed: the two
     * numbers zero-padded as printed on the card ({@code 017,12345} for a 26-bit card gives
     * {@code 01712345}); it is never logged, and {@link #toString()} does not show it.
     */
    record Card(String format, long facility, long card, int facilityDigits) implements WiegandFrame {
        String number() {
            return String.format("%0" + facilityDigits + "d%05d", facility, card);
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
