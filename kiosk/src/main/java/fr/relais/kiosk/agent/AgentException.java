package fr.relais.kiosk.agent;

/** The agent could not be reached or answered something the kiosk cannot use; the message says which. */
public final class AgentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public AgentException(String message) {
        this(message, 0);
    }

    public AgentException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the agent answered, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}
