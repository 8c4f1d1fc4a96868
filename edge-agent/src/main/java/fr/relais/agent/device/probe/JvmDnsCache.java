package fr.relais.agent.device.probe;

import java.security.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trap of measuring DNS from Java: {@link java.net.InetAddress} keeps every answer for 30 s
 * (and every failure for 10 s) in the JVM's own cache, so a probe polling every 10 s, or resolving
 * a name the MQTT client has just resolved, would time a map lookup and report 0 ms, and would go
 * on "resolving" a name for half a minute after the box's DNS died.
 *
 * <p>The cache's lifetimes are read once, from the security properties
 * {@code networkaddress.cache.ttl} and {@code networkaddress.cache.negative.ttl} (or the system
 * properties {@code sun.net.inetaddr.ttl} and {@code sun.net.inetaddr.negative.ttl}), at the
 * JVM's first name lookup; setting them afterwards changes nothing. So this runs when the probe
 * driver is registered ({@code DriverRegistry.standard()}, made with the configuration loader,
 * before the uplink resolves the broker's name), and sets both to 0 unless the operator chose a
 * value on the command line. The whole agent then asks the system resolver every time; the only
 * other lookups are the broker's name at each (re)connection and the probe's own.
 *
 * <p>JDK 18's resolver interface would allow a per-call lookup; on Java 17 this is the way without
 * opening JDK internals.
 */
final class JvmDnsCache {
    private static final Logger LOG = LoggerFactory.getLogger(JvmDnsCache.class);
    static final String TTL = "networkaddress.cache.ttl";
    static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";

    private JvmDnsCache() {
    }

    static synchronized void turnOff() {
        if (System.getProperty("sun.net.inetaddr.ttl") == null && !"0".equals(Security.getProperty(TTL))) {
            Security.setProperty(TTL, "0");
            LOG.debug("JVM DNS cache off, so the probe times real lookups");
        }
        if (System.getProperty("sun.net.inetaddr.negative.ttl") == null) {
            Security.setProperty(NEGATIVE_TTL, "0");
        }
    }
}
