package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The inventory's broker section and the nodes' auth and localBroker: read, defaulted, refused. */
class BrokerAndNodeOptionsTest {
    private static final String SITE = """
            sites:
              - id: rozoy
                name: Rozoy
                kind: mediation
                commune: Rozoy-sur-Serre
                nodes:
                  - id: rozoy-pi
                    devices: []
            """;

    @Test
    void readsTheBrokerSectionWithItsDefaults() throws Exception {
        Inventory inventory = new InventoryLoader().parse("t.yaml", """
                territory: T
                broker:
                  host: relais.example.org
                  extraNames: [localhost, 192.0.2.10]
                """ + SITE);
        BrokerSpec broker = inventory.broker().orElseThrow();
        assertThat(broker.certificateNames()).containsExactly("relais.example.org", "localhost", "192.0.2.10");
        assertThat(broker.tlsPort()).isEqualTo(8883);
        assertThat(broker.certificatePort()).isEqualTo(8884);
        assertThat(broker.localPort()).isEqualTo(1884);
        Node node = inventory.sites().get(0).nodes().get(0);
        assertThat(node.auth()).isEqualTo(NodeAuth.PASSWORD);
        assertThat(node.localBroker()).isFalse();
    }

    @Test
    void refusesPortsThatClash() {
        Refusals.assertRefused("""
                territory: T
                broker:  # <-
                  host: relais.example.org
                  tlsPort: 1884
                """ + SITE, "broker.localPort", "tlsPort, certificatePort and localPort must differ");
    }

    @Test
    void refusesAHostThatIsNotAHostName() {
        Refusals.assertRefused("""
                territory: T
                broker:
                  host: "relais/evil#"  # <-
                """ + SITE, "broker.host", "'relais/evil#' is not a host name or an IP address");
    }

    @Test
    void refusesAnIpv6HostBecauseUrlsAndBridgesCannotCarryIt() {
        Refusals.assertRefused("""
                territory: T
                broker:
                  host: "2001:db8::1"  # <-
                """ + SITE, "broker.host", "'2001:db8::1' is an IPv6 address: give the broker's DNS name"
                + " (IPv6 addresses may go in extraNames)");
    }

    @Test
    void refusesAnUnknownAuthAndASiteBrokerForACertificateNode() {
        Refusals.assertRefused(withNode("""
                        auth: smartcard  # <-
                """), "sites[0].nodes[0].auth", "'smartcard' is not one of: password, certificate");
        Refusals.assertRefused(withNode("""
                        auth: certificate
                        localBroker: true  # <-
                """), "sites[0].nodes[0].localBroker", "needs auth: password (the site broker's bridge logs in to the"
                + " central broker with the node's password)");
    }

    /** The one-node territory with {@code lines} (indented as node fields) added to its node. */
    private static String withNode(String lines) {
        return "territory: T\n" + SITE.replace("      - id: rozoy-pi\n", "      - id: rozoy-pi\n" + lines);
    }
}
