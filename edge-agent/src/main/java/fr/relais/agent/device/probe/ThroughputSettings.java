package fr.relais.agent.device.probe;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The rare download test: at most {@code maxBytes} within {@code maxSeconds}, once every
 * {@code every}. Bytes are decimal (5 MB = 5 000 000 bytes), like the Mbit/s they give.
 */
public record ThroughputSettings(URI url, long maxBytes, Duration maxDuration, Duration every) {
    public static final long DEFAULT_MAX_BYTES = 5_000_000;
    /** The hub serves at most this much per test, too: a metered 4G line must not lose more. */
    public static final long MAX_BYTES = 50_000_000;
    public static final long DEFAULT_MAX_SECONDS = 20;
    public static final long MAX_SECONDS = 120;
    public static final long DEFAULT_EVERY_HOURS = 6;

    static ThroughputSettings read(StrictObject block) throws FieldException {
        URI url = webAddress(block, "url", true);
        long maxBytes = block.longIn("maxBytes", 1, MAX_BYTES, DEFAULT_MAX_BYTES);
        long maxSeconds = block.longIn("maxSeconds", 1, MAX_SECONDS, DEFAULT_MAX_SECONDS);
        long everyHours = block.longIn("everyHours", 1, 24 * 7, DEFAULT_EVERY_HOURS);
        block.finish();
        return new ThroughputSettings(url, maxBytes, Duration.ofSeconds(maxSeconds), Duration.ofHours(everyHours));
    }

    /** An absolute {@code https://} address (or {@code http://} when {@code plainAllowed}). */
    static URI webAddress(StrictObject block, String name, boolean plainAllowed) throws FieldException {
        String text = block.text(name);
        String expected = plainAllowed ? "an http:// or https:// address" : "an https:// address";
        try {
            URI uri = new URI(text);
            boolean schemeFits = "https".equals(uri.getScheme()) || plainAllowed && "http".equals(uri.getScheme());
            if (schemeFits && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Said below, in the same words as any other wrong address.
        }
        throw new FieldException(block.field(name), "'" + text + "' is not " + expected + " with a host name");
    }
}
