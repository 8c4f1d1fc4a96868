package fr.relais.hub.place;

/** A request refused with its HTTP status and a message for the caller (400 names the field). */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public static Refusal invalid(String message) {
        return new Refusal(400, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, message);
    }

    public int status() {
        return status;
    }
}
