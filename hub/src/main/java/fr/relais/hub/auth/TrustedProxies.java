package fr.relais.hub.auth;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reverse proxies (the TLS proxy in front of the hub) whose {@code X-Forwarded-For} header is
 * believed. Behind a proxy every request comes from the proxy's address: without this, the login
 * limiter would count everyone's failures as one client's. From any other peer the header is
 * ignored, since anyone can write it.
 *
 * <p>Addresses or CIDR blocks ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code fd00::/8}).
 */
public final class TrustedProxies {
    /** Believes no one: the TCP peer is the client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<String> texts;
    private final List<Block> blocks;

    private TrustedProxies(List<String> texts) {
        this.texts = List.copyOf(Objects.requireNonNull(texts, "blocks"));
        // Fails fast on a typo rather than silently trusting no one, or the wrong one.
        this.blocks = this.texts.stream().map(Block::parse).toList();
    }

    /** Believes these, each an address or a CIDR block; a bad one is refused with its reason. */
    public static TrustedProxies of(List<String> blocks) {
        return new TrustedProxies(blocks);
    }

    /** As configured, for the settings' description. */
    @Override
    public String toString() {
        return texts.isEmpty() ? "none" : String.join(",", texts);
    }

    /**
     * The client of a request: the TCP peer unless it is a trusted proxy; then, reading
     * {@code X-Forwarded-For} from the right (each proxy appends the address it received from),
     * the first address that is not a trusted proxy. An entry that is not an address (garbage, or
     * {@code unknown}) stops the walk: the last address a trusted hop vouched for is the client.
     *
     * @param peer      the TCP peer's address
     * @param forwarded every {@code X-Forwarded-For} header of the request, in order
     */
    public String client(String peer, List<String> forwarded) {
        if (blocks.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            Arrays.stream(header.split(",")).map(String::trim).filter(hop -> !hop.isEmpty()).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] address = Block.address(hops.get(i));
            if (address == null) {
                return client;
            }
            client = Block.text(address);
            if (!trusts(address)) {
                return client;
            }
        }
        return client;
    }

    boolean trusts(String address) {
        byte[] bytes = Block.address(address);
        return bytes != null && trusts(bytes);
    }

    private boolean trusts(byte[] address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** An address and how many of its leading bits a match must share. */
    private record Block(byte[] network, int prefix) {
        static Block parse(String text) {
            String trimmed = text == null ? "" : text.trim();
            int slash = trimmed.indexOf('/');
            String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
            byte[] network = address(host);
            if (network == null) {
                throw new IllegalArgumentException("trusted proxy '" + text + "' is not an IP address or CIDR block"
                        + " (e.g. 127.0.0.1, 10.0.0.0/8, ::1); host names are not accepted");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("trusted proxy '" + text + "': the prefix length must be"
                            + " between 0 and " + bits);
                }
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** The bytes of a literal address (never a DNS lookup), IPv4-mapped IPv6 as IPv4; null if not one. */
        static byte[] address(String text) {
            if (text == null) {
                return null;
            }
            String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
            if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        }

        static String text(byte[] address) {
            return NetUtil.bytesToIpAddress(address);
        }

        private static boolean isIpv4Mapped(byte[] bytes) {
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return false;
                }
            }
            return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        }
    }

    /** The part of an address that names one client for the limiter: IPv4 whole, IPv6 its /64 (one site's). */
    static String limiterKey(String address) {
        byte[] bytes = Block.address(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 16) {
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return Block.text(bytes) + "/64";
        }
        return Block.text(bytes);
    }
}
