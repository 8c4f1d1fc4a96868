package fr.relais.agent.localapi;

/** A kiosk request the API refuses: answered 400 (or {@code status}) with a code and a French message. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    BadRequest(String message) {
        this(400, "bad-request", message);
    }

    BadRequest(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
