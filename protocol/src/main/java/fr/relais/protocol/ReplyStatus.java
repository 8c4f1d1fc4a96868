package fr.relais.protocol;

/** How a node answered a command. */
public enum ReplyStatus implements WireValue {
    /** Received and recorded; it is being executed and a final reply follows. Not final. */
    ACCEPTED("accepted"),
    /** Executed. */
    OK("ok"),
    /** Not executed: the request was invalid or not allowed here; the reason says why. */
    REJECTED("rejected"),
    /** Attempted and failed; the reason says how. */
    FAILED("failed");

    private final String wire;

    /** Whether this reply ends the command: every status but {@link #ACCEPTED}. */
    public boolean isFinal() {
        return this != ACCEPTED;
    }

    ReplyStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
