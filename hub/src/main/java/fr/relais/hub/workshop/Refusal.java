package fr.relais.hub.workshop;

/**
 * What the workshops and appointments refuse, with the HTTP status the API answers and the
 * message, French when a visitor may read it (a kiosk's answer carries it as it is).
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal forbidden(String site) {
        return new Refusal(403, "this account does not run site " + site);
    }
}
