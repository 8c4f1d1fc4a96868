package fr.relais.hub.config;

import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.ingest.MqttSettings;
import java.util.Objects;

/**
 * How to run the hub.
 *
 * @param httpHost the interface to serve on; loopback by default: serve it to the network only
 *                 behind TLS, since logins and tokens travel in every request
 * @param httpPort 0 picks a free port (tests)
 * @param auth     the first admin account, cookies and sessions
 */
public record HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt, AuthSettings auth) {
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public HubConfig {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(auth, "auth");
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be between 0 and 65535, got " + httpPort);
        }
    }

    /** With the default authentication settings: a first admin's password is generated and printed. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt) {
        this(httpHost, httpPort, databaseUrl, mqtt, AuthSettings.DEFAULTS);
    }
}
