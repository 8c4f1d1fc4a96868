package fr.relais.kiosk.config;

/** A kiosk configuration that cannot be used; the message names the file and the field. */
public final class KioskConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KioskConfigException(String message) {
        super(message);
    }

    public KioskConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
