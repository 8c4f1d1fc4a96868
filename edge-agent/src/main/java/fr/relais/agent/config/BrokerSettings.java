package fr.relais.agent.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the MQTT broker. The password is never printed: {@link #toString()} masks it,
 * so a configuration can be logged whole.
 *
 * @param maxInflight QoS 1 messages published but not yet acknowledged; Paho's own default of
 *                    10 fails publishes beyond it instead of waiting, so it is always explicit
 * @param tls         the private CA (and client certificate) of an {@code ssl://} broker; empty:
 *                    plain {@code tcp://}, or {@code ssl://} trusting the JVM's public CAs
 */
public record BrokerSettings(String url, Optional<String> username, Optional<String> password, int maxInflight,
                             Duration keepAlive, Duration connectTimeout, Duration reconnectMin,
                             Duration reconnectMax, Optional<TlsSettings> tls) {

    public static final int DEFAULT_MAX_INFLIGHT = 500;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(120);

    /** Without a {@code tls} block. */
    public BrokerSettings(String url, Optional<String> username, Optional<String> password, int maxInflight,
                          Duration keepAlive, Duration connectTimeout, Duration reconnectMin, Duration reconnectMax) {
        this(url, username, password, maxInflight, keepAlive, connectTimeout, reconnectMin, reconnectMax,
                Optional.empty());
    }

    @Override
    public String toString() {
        return "BrokerSettings[url=" + url + ", username=" + username.orElse("(none)")
                + ", password=" + (password.isPresent() ? "****" : "(none)") + ", maxInflight=" + maxInflight
                + ", keepAlive=" + keepAlive + ", connectTimeout=" + connectTimeout
                + ", reconnect=" + reconnectMin + ".." + reconnectMax
                + ", tls=" + tls.map(TlsSettings::toString).orElse("(none)") + "]";
    }
}
