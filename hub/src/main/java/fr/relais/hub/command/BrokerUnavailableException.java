package fr.relais.hub.command;

/** The hub is not connected to the broker, so a command would go nowhere; nothing was recorded. */
public final class BrokerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException() {
        super("the hub is not connected to the MQTT broker; try again when it is");
    }
}
