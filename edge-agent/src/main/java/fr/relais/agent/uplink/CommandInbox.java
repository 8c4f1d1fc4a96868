package fr.relais.agent.uplink;

/** Where the uplink hands the commands addressed to this node. */
public interface CommandInbox {
    /**
     * @param acknowledge tells the broker it may forget the command; call it once the command is
     *                    safely recorded
     */
    void deliver(String topic, byte[] payload, Runnable acknowledge);
}
