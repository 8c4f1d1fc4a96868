package fr.relais.protocol.content;

/** Kiosk content the codec refuses, with the reason (field and value) in the message. */
public final class InvalidContentException extends Exception {
    public InvalidContentException(String reason) {
        super("invalid kiosk content: " + reason);
    }
}
