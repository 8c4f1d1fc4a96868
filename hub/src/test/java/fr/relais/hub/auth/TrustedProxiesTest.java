package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's, and when X-Forwarded-For is believed. */
class TrustedProxiesTest {
    private final TrustedProxies localProxy = TrustedProxies.of(List.of("127.0.0.1", "::1"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(TrustedProxies.NONE.client("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @Test
    void fromAPeerThatIsNotTrustedTheHeaderIsIgnored() {
        assertThat(localProxy.client("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedAddressIsTheClient() {
        // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
        assertThat(localProxy.client("127.0.0.1", List.of("1.2.3.4, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(localProxy.client("0:0:0:0:0:0:0:1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(localProxy.client("127.0.0.1", List.of("1.2.3.4", "203.0.113.7"))).as("several headers")
                .isEqualTo("203.0.113.7");
        assertThat(localProxy.client("127.0.0.1", List.of())).as("no header: the proxy itself").isEqualTo("127.0.0.1");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedThrough() {
        TrustedProxies chain = TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8"));
        assertThat(chain.client("127.0.0.1", List.of("203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
        assertThat(chain.client("127.0.0.1", List.of("10.9.9.9, 10.1.2.3"))).as("only proxies: the farthest")
                .isEqualTo("10.9.9.9");
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastAddressATrustedHopGave() {
        assertThat(localProxy.client("127.0.0.1", List.of("203.0.113.7, unknown"))).isEqualTo("127.0.0.1");
        assertThat(localProxy.client("127.0.0.1", List.of("nonsense, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(localProxy.client("127.0.0.1", List.of(",,,  ,"))).isEqualTo("127.0.0.1");
        assertThat(localProxy.client("127.0.0.1", List.of("evil.example.org"))).as("never a DNS lookup")
                .isEqualTo("127.0.0.1");
        assertThat(localProxy.client("127.0.0.1", List.of("[2001:db8::1]"))).isEqualTo("2001:db8::1");
    }

    @Test
    void blocksMatchByPrefixAndIpv4MappedAddressesAsIpv4() {
        TrustedProxies blocks = TrustedProxies.of(List.of("192.168.1.0/24", "fd00::/8"));
        assertThat(blocks.trusts("192.168.1.200")).isTrue();
        assertThat(blocks.trusts("192.168.2.1")).isFalse();
        assertThat(blocks.trusts("::ffff:192.168.1.9")).isTrue();
        assertThat(blocks.trusts("fd12:3456::1")).isTrue();
        assertThat(blocks.trusts("fe80::1")).isFalse();
        assertThat(blocks.trusts("not an address")).isFalse();
    }

    @Test
    void aBadSettingIsRefusedWithItsReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("proxy.example.org")))
                .withMessageContaining("'proxy.example.org' is not an IP address or CIDR block");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
                .withMessageContaining("between 0 and 32");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")))
                .withMessageContaining("prefix length");
    }

    @Test
    void theLimiterCountsAnIpv6ClientByItsSlash64() {
        assertThat(TrustedProxies.limiterKey("2001:db8:1:2:aaaa::1")).isEqualTo(TrustedProxies.limiterKey("2001:db8:1:2::ffff"));
        assertThat(TrustedProxies.limiterKey("203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
