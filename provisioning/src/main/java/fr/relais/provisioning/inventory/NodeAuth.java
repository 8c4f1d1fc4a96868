package fr.relais.provisioning.inventory;

import fr.relais.protocol.WireValue;

/** How a node proves who it is to the central broker. */
public enum NodeAuth implements WireValue {
    /** Its own username and a generated password, over TLS. The default: nothing to install but a file. */
    PASSWORD("password"),
    /** A client certificate from the deployment's CA, its common name being the node's username. */
    CERTIFICATE("certificate");

    private final String wire;

    NodeAuth(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
