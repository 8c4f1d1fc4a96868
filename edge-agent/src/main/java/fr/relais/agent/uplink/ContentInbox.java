package fr.relais.agent.uplink;

/** Where the uplink hands the kiosk content the hub publishes (retained) for this node; called on the node's thread. */
public interface ContentInbox {
    /** One document as it arrived on {@code relais/v1/{site}/{node}/content}; never throws. */
    void deliver(byte[] payload);
}
