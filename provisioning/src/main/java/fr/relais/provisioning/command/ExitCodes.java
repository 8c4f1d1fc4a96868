package fr.relais.provisioning.command;

/** What {@code relais provision} returns, so that scripts can tell a bad input from a failure. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed while doing the work, such as a file that could not be written. */
    public static final int FAILURE = 1;
    /** The input was refused: an invalid inventory or option. Picocli uses 2 for usage errors too. */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
