package fr.relais.agent.uplink;

/** Where the uplink hands a door node's access list fragments; called on the node's thread. */
public interface AccessListInbox {
    /** One fragment as it arrived on {@code relais/v1/{site}/{node}/access}; never throws. */
    void deliver(byte[] payload);

    /** The uplink (re)connected: the node says which list it holds, so the hub sends what it lacks. */
    void connected();
}
