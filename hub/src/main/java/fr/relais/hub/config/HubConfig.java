package fr.relais.hub.config;

import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.ingest.IngestLimits;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.registry.NodeSilence;
import fr.relais.hub.telemetry.RetentionSettings;
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
 * @param exampleContent load the example territory, hours, tour (and workshops) into empty tables at start
 * @param publicUrl   the hub's address as the public reaches it (the calendar feeds' URLs put in the
 *                    kiosks' content and QR codes); empty: {@code http://{httpHost}:{port}}
 * @param exampleHistoryDays days of simulated history the demo seeds before the hub's first start
 *                    ({@code --example-history}, see {@code fr.relais.hub.demo.ExampleHistory}); 0: none
 */
public record HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                        Optional<Path> alertRules, Duration nodeSilence, RetentionSettings retention,
                        AuthSettings auth, IngestLimits limits, Optional<Path> accessSigningKey,
                        boolean exampleContent, Optional<String> publicUrl, int exampleHistoryDays) {
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Beyond the rollups' default retention (730 days) a little, so that a 2-year bench fits. */
    public static final int MAX_EXAMPLE_HISTORY_DAYS = 800;

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
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl = publicUrl.map(HubConfig::checkedPublicUrl);
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be between 0 and 65535, got " + httpPort);
        }
        if (nodeSilence.isNegative() || nodeSilence.isZero()) {
            throw new IllegalArgumentException("the node silence timeout must be positive, got " + nodeSilence);
        }
        if (exampleHistoryDays < 0 || exampleHistoryDays > MAX_EXAMPLE_HISTORY_DAYS) {
            throw new IllegalArgumentException("--example-history must be between 0 (none) and "
                    + MAX_EXAMPLE_HISTORY_DAYS + " days, got " + exampleHistoryDays);
        }
    }

    /** Without example content, the public URL the default one. */
    public HubConfig(String httpHost, int httpPort, String databaseUrl, MqttSettings mqtt,
                     Optional<Path> alertRules, Duration nodeSilence, RetentionSettings retention,
                     AuthSettings auth, IngestLimits limits, Optional<Path> accessSigningKey) {
        this(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits, accessSigningKey,
                false, Optional.empty(), 0);
    }

    /** The same, loading the example content ({@code --example-content}) or not. */
    public HubConfig withExampleContent(boolean load) {
        return new HubConfig(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits,
                accessSigningKey, load, publicUrl, exampleHistoryDays);
    }

    /** The same, seeding this many days of simulated history ({@code --example-history}); 0: none. */
    public HubConfig withExampleHistory(int days) {
        return new HubConfig(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits,
                accessSigningKey, exampleContent, publicUrl, days);
    }

    /** The same, with this public address ({@code --public-url}); null keeps the default. */
    public HubConfig withPublicUrl(String url) {
        return new HubConfig(httpHost, httpPort, databaseUrl, mqtt, alertRules, nodeSilence, retention, auth, limits,
                accessSigningKey, exampleContent, Optional.ofNullable(url), exampleHistoryDays);
    }

    /** The public address, without a trailing '/': the one given, or this hub's own on {@code actualPort}. */
    public String publicUrl(int actualPort) {
        return publicUrl.orElse("http://" + (httpHost.contains(":") ? "[" + httpHost + "]" : httpHost) + ":"
                + actualPort);
    }

    /** An absolute http(s) URL without query or fragment: the feeds' paths are appended to it. */
    private static String checkedPublicUrl(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--public-url '" + url + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--public-url must be an http(s) address such as"
                    + " https://relais.example.org, got '" + url + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
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
                Optional.of(keyFile), exampleContent, publicUrl, exampleHistoryDays);
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
