package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The broker URLs the hub takes ({@code --mqtt}), and what it says of the others. */
class BrokerAddressTest {
    @Test
    void tcpAndSslWithOrWithoutAPort() {
        assertThat(BrokerAddress.parse("tcp://127.0.0.1:1883")).isEqualTo(new BrokerAddress("127.0.0.1", 1883, false));
        assertThat(BrokerAddress.parse("tcp://broker.relais.lan")).isEqualTo(
                new BrokerAddress("broker.relais.lan", 1883, false));
        assertThat(BrokerAddress.parse("ssl://broker.relais.lan")).isEqualTo(
                new BrokerAddress("broker.relais.lan", 8883, true));
        assertThat(BrokerAddress.parse("SSL://broker.relais.lan:18883/")).isEqualTo(
                new BrokerAddress("broker.relais.lan", 18883, true));
        assertThat(BrokerAddress.parse("tcp://[::1]:1884")).isEqualTo(new BrokerAddress("::1", 1884, false));
    }

    @Test
    void anythingElseIsRefusedSayingWhy() {
        assertThatThrownBy(() -> BrokerAddress.parse("ws://127.0.0.1:9001")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("tcp:// or ssl://");
        assertThatThrownBy(() -> BrokerAddress.parse("127.0.0.1:1883")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://127.0.0.1:1883");
        assertThatThrownBy(() -> BrokerAddress.parse("tcp://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrokerAddress.parse("tcp://host:1883/path")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> BrokerAddress.parse("tcp://bad host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> BrokerAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
