package fr.relais.hub.command;

/** No node of that id has ever been heard of: there is nowhere to send the command. */
public final class UnknownNodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownNodeException(String node) {
        super("no node '" + node + "' is known to the hub");
    }
}
