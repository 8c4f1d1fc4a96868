package fr.relais.hub.config;

import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.store.NodeSilence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the hub.
 *
 * @param httpHost    the interface to serve on; loopback by default: serve it to the network only
 *                    behind TLS, since logins and tokens travel in every request
 * @param httpPort    0 picks a free port (tests)
 * @param alertRules  the deployment's alert rule file, over the shipped defaults; empty for the defaults alone
 * @param nodeSilence how long a node may say nothing before it counts as offline
 * @param retention   how long raw telemetry and its rollups are kept
 * @param auth        the first admin account, cookies and sessions
 * @param limits      what one message may do to the counters and the dead letters
 * @param accessSigningKey the Ed25519 {@code PRIVATE KEY} PEM file the doors' access lists are signed
 *                    with; empty: the hub issues none (see {@code fr.relais.hub.access.AccessSigningKey})
 */
public record HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                        Optional<Path> alertRules, Duration nodeSilence, RetentionSettings retention,
                        AuthSettings auth, IngestLimits limits, Optional<Path> accessSigningKey) {
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public HubConfig {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(alertRules, "alertRules");
        Objects.requireNonNull(nodeSilence, "nodeSilence");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(accessSigningKey, "accessSigningKey");
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be between 0 and 65535, got " + httpPort);
        }
        if (nodeSilence.isNegative() || nodeSilence.isZero()) {
            throw new IllegalArgumentException("the node silence timeout must be positive, got " + nodeSilence);
        }
    }

    /** Without a key for the doors' access lists. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                     Optional<Path> alertRules, Duration nodeSilence, RetentionSettings retention,
                     AuthSettings auth, IngestLimits limits) {
        this(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits, Optional.empty());
    }

    /** The same, signing the doors' access lists with the key in that file. */
    public HubConfig withAccessSigningKey(Path keyFile) {
        return new HubConfig(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits,
                Optional.of(keyFile));
    }

    /** With the default limits on sequence jumps and dead letters. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                     Optional<Path> alertRules, Duration nodeSilence, RetentionSettings retention,
                     AuthSettings auth) {
        this(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, IngestLimits.DEFAULT);
    }

    /**
     * The shipped alert rules, the default silence timeout and retention periods, and the default
     * authentication settings (a first admin's password is generated and printed).
     */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt) {
        this(httpHost, httpPort, databaseUrl, mqtt, AuthSettings.DEFAULTS);
    }

    /** With these authentication settings and the defaults for the rest. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt, AuthSettings auth) {
        this(httpHost, httpPort, databaseUrl, mqtt, Optional.empty(), NodeSilence.DEFAULT_TIMEOUT,
                RetentionSettings.DEFAULT, auth);
    }

    /** With these alert settings and the defaults for the rest. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt, Optional<Path> alertRules,
                     Duration nodeSilence) {
        this(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, RetentionSettings.DEFAULT,
                AuthSettings.DEFAULTS);
    }

    /** With these retention periods and the defaults for the rest. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                     RetentionSettings retention) {
        this(httpHost, httpPort, databaseUrl, mqtt, Optional.empty(), NodeSilence.DEFAULT_TIMEOUT, retention,
                AuthSettings.DEFAULTS);
    }
}
