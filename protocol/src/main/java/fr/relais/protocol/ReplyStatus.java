package fr.relais.protocol;

/** How a node answered a command. */
public enum ReplyStatus implements WireValue {
    /** Executed. */
    OK("ok"),
    /** Not executed: the request was invalid or not allowed here; the reason says why. */
    REJECTED("rejected"),
    /** Attempted and failed; the reason says how. */
    FAILED("failed");

    private final String wire;

    ReplyStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
